import type { BusinessCalendar, Pause, WorkingInterval } from '../calendar.types';
import { sharedOracle, type WallClockOracle } from './wall-clock-oracle';

/**
 * The slow, obviously correct reference: it walks time minute by minute, asks luxon what the clock
 * on the wall reads, and decides from that reading alone whether the minute is working time.
 *
 * The library's daylight-saving rule, "a wall-clock boundary resolves to the earliest instant at
 * which the clock shows that time or later", is applied here in its equivalent form:
 *
 *   an instant is working time when the HIGHEST wall-clock reading seen so far lies in a working
 *   interval of its own date.
 *
 * (An interval [s, e) then starts at the first instant the clock has reached s and ends at the first
 * instant it has reached e: exactly the rule. In a spring-forward gap the clock jumps past the
 * boundary; in a fall-back repeated hour the highest reading stays at the end of the first pass until
 * the clock catches up, so the repeated hour belongs to whatever the first pass's last minute was in.)
 *
 * Preconditions, true for the zones and years the tests use: every offset change and every working
 * boundary falls on a whole minute (so working-ness is constant within each minute of the timeline),
 * and the clock never jumps back by more than LOOKBACK (so looking that far back before `from` finds
 * the highest reading so far).
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOOKBACK_MS = 3 * 3_600_000;
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export class ReferenceCalendar {
  private readonly hoursByDate = new Map<number, [number, number][]>();
  private lastDate = Number.NaN;
  private lastHours: [number, number][] = [];
  private readonly oracle: WallClockOracle;

  constructor(
    readonly calendar: BusinessCalendar,
    oracle?: WallClockOracle,
    /** How far a walk may go before the reference gives up (it is only meant for short spans). */
    private readonly maxWalkMs = 40 * DAY_MS,
  ) {
    this.oracle = oracle ?? sharedOracle(calendar.timeZone);
  }

  businessTimeBetween(from: number, to: number): number {
    let total = 0;
    if (to <= from) return 0;
    this.walk(from, (cell, working) => {
      if (cell >= to) return false;
      if (working) total += Math.min(cell + MINUTE_MS, to) - Math.max(cell, from);
      return true;
    });
    return total;
  }

  addBusinessTime(from: number, duration: number): number {
    if (duration === 0) return from;
    let remaining = duration;
    let result = Number.NaN;
    this.walk(from, (cell, working) => {
      if (!working) return true;
      const begin = Math.max(cell, from);
      const available = cell + MINUTE_MS - begin;
      if (available >= remaining) {
        result = begin + remaining;
        return false;
      }
      remaining -= available;
      return true;
    });
    return result;
  }

  isWorkingInstant(instant: number): boolean {
    let result = false;
    this.walk(instant, (_cell, working) => {
      result = working;
      return false;
    });
    return result;
  }

  nextWorkingInstant(instant: number): number {
    let result = Number.NaN;
    this.walk(instant, (cell, working) => {
      if (working) result = Math.max(cell, instant);
      return !working;
    });
    return result;
  }

  /** Working time in [start, now) not covered by any pause (open pauses run forever). */
  elapsedWithPauses(start: number, now: number, pauses: readonly Pause[]): number {
    if (now <= start) return 0;
    const intervals = pauses.map((p) => [Number(p.start), p.end === undefined || p.end === null ? Infinity : Number(p.end)]);
    const paused = (t: number): boolean => intervals.some(([a, b]) => a <= t && t < b);
    const boundaries = intervals.flat();
    let total = 0;
    this.walk(start, (cell, working) => {
      if (cell >= now) return false;
      if (!working) return true;
      // Cut the minute at every pause boundary inside it; between cuts nothing changes, so the
      // midpoint of each piece says whether the whole piece is paused.
      const from = Math.max(cell, start);
      const to = Math.min(cell + MINUTE_MS, now);
      const cuts = [from, to];
      for (const t of boundaries) if (t > from && t < to) cuts.push(t);
      if (cuts.length > 2) cuts.sort((x, y) => x - y);
      for (let i = 0; i + 1 < cuts.length; i++) {
        if (!paused((cuts[i] + cuts[i + 1]) / 2)) total += cuts[i + 1] - cuts[i];
      }
      return true;
    });
    return total;
  }

  /** Calls `visit(minuteStart, working)` for each minute from the one containing `from`, until it returns false. */
  private walk(from: number, visit: (cell: number, working: boolean) => boolean): void {
    const first = Math.floor(from / MINUTE_MS) * MINUTE_MS;
    let highest = -Infinity;
    for (let cell = first - LOOKBACK_MS; cell < first; cell += MINUTE_MS) {
      highest = Math.max(highest, this.oracle.readingAt(cell));
    }
    for (let cell = first; ; cell += MINUTE_MS) {
      if (cell - first > this.maxWalkMs) throw new Error(`reference walk from ${new Date(from).toISOString()} went too far`);
      highest = Math.max(highest, this.oracle.readingAt(cell));
      if (!visit(cell, this.isWorkingReading(highest))) return;
    }
  }

  /** Whether a wall-clock reading lies in a working interval of its own local date. */
  private isWorkingReading(reading: number): boolean {
    const date = Math.floor(reading / DAY_MS);
    const minute = (reading - date * DAY_MS) / MINUTE_MS;
    for (const [start, end] of this.hoursOn(date)) {
      if (start <= minute && minute < end) return true;
    }
    return false;
  }

  private hoursOn(date: number): [number, number][] {
    if (date === this.lastDate) return this.lastHours;
    let hours = this.hoursByDate.get(date);
    if (hours === undefined) {
      const asDate = new Date(date * DAY_MS);
      const iso = asDate.toISOString().slice(0, 10);
      const holiday = (this.calendar.holidays ?? []).find((h) => h.date === iso);
      const intervals: readonly WorkingInterval[] = holiday
        ? (holiday.hours ?? [])
        : (this.calendar.weeklyHours[WEEKDAY_NAMES[asDate.getUTCDay()]] ?? []);
      hours = intervals.map(({ start, end }) => [minutesOf(start), minutesOf(end)]);
      this.hoursByDate.set(date, hours);
    }
    this.lastDate = date;
    this.lastHours = hours;
    return hours;
  }
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
