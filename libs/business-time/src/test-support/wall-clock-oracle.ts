import { DateTime } from 'luxon';

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const DAY_MS = 86_400_000;

/**
 * What the zone's clock on the wall shows at a given instant, asked of luxon minute by minute. This is
 * the only source of time-zone knowledge the reference implementation uses: no offsets, no
 * transitions, no rules of our own, just "what does the clock read now?".
 *
 * Readings are "local epoch milliseconds": the wall-clock date and time written as if they were UTC,
 * so that they can be compared and split into a date and a time of day with plain arithmetic.
 *
 * Asking luxon costs a few microseconds, so two shortcuts keep the tests fast, neither of which can
 * change an answer under its stated condition:
 * - luxon is asked once per quarter hour and the minutes within it are added on: valid because every
 *   offset change in the zones and years tested falls on a quarter hour (`anchorsFor` in
 *   arbitraries.ts checks this for every change it finds, and fails loudly otherwise);
 * - readings are memoised (a pure function of the instant). The benchmark turns memoising off, to
 *   measure the reference as it would run unaided.
 */
export class WallClockOracle {
  /** Per UTC day: the luxon reading at each of its 96 quarter hours (NaN until asked). */
  private readonly days = new Map<number, Float64Array>();
  private lastDay = Number.NaN;
  private lastReadings: Float64Array | undefined;

  constructor(
    readonly timeZone: string,
    private readonly memoize = true,
  ) {}

  /** The wall-clock reading at `instant`, which must be on a whole minute. */
  readingAt(instant: number): number {
    const quarter = Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    return this.readingAtQuarter(quarter) + (instant - quarter);
  }

  private readingAtQuarter(quarter: number): number {
    if (!this.memoize) return this.askLuxon(quarter);
    const day = Math.floor(quarter / DAY_MS);
    let readings = day === this.lastDay ? this.lastReadings : this.days.get(day);
    if (readings === undefined) {
      readings = new Float64Array(DAY_MS / QUARTER_HOUR_MS).fill(Number.NaN);
      this.days.set(day, readings);
    }
    this.lastDay = day;
    this.lastReadings = readings;
    const slot = (quarter - day * DAY_MS) / QUARTER_HOUR_MS;
    let reading = readings[slot];
    if (Number.isNaN(reading)) {
      reading = this.askLuxon(quarter);
      readings[slot] = reading;
    }
    return reading;
  }

  private askLuxon(instant: number): number {
    const clock = DateTime.fromMillis(instant, { zone: this.timeZone });
    return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
  }
}

const shared = new Map<string, WallClockOracle>();

/** One memoising oracle per zone, shared by the property tests of a test file. */
export function sharedOracle(timeZone: string): WallClockOracle {
  let oracle = shared.get(timeZone);
  if (oracle === undefined) {
    oracle = new WallClockOracle(timeZone);
    shared.set(timeZone, oracle);
  }
  return oracle;
}
