import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WEEKDAYS, type BusinessCalendar, type Holiday, type Pause, type WeeklyHours, type WorkingInterval } from '../calendar.types';
import { BLOCK_DAYS } from '../calendar-timeline';

/**
 * Generators for property tests. They are biased on purpose towards the places where business-time
 * code goes wrong: daylight-saving transitions, midnight, the edges of working intervals, holidays,
 * and the seams between the library's precomputed blocks of days.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The zones every property runs in: two northern DST rules, southern DST, a half-hour offset, UTC. */
export const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;

/**
 * Zones with unusual transitions, for extra runs: 30-minute DST (Lord Howe), DST at midnight so that
 * some days have no 00:00 (Santiago, Havana), and a skipped calendar day (Apia, 2011-12-30).
 */
export const UNUSUAL_ZONES = [
  { zone: 'Australia/Lord_Howe', years: [2025] },
  { zone: 'America/Santiago', years: [2025] },
  { zone: 'America/Havana', years: [2025] },
  { zone: 'Pacific/Apia', years: [2011] },
] as const;

/** A place on the timeline to generate around: an instant and its local date. */
export interface Anchor {
  readonly label: string;
  readonly instant: number;
  readonly localDate: string;
}

/** Every offset change of the zone in the given years (found with luxon), then ordinary days. */
export function anchorsFor(zone: string, years: readonly number[] = [2024, 2025, 2026]): Anchor[] {
  const anchors: Anchor[] = [];
  const offsetAt = (t: number): number => DateTime.fromMillis(t, { zone }).offset;
  const step = 6 * HOUR_MS;
  for (const year of years) {
    const end = Date.UTC(year + 1, 0, 1);
    for (let t = Date.UTC(year, 0, 1); t < end; t += step) {
      if (offsetAt(t) === offsetAt(t + step)) continue;
      // Narrow the change down to the minute (all modern transitions are on whole minutes).
      let [lo, hi] = [t, t + step];
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (offsetAt(mid) === offsetAt(lo)) lo = mid;
        else hi = mid;
      }
      if (hi % (15 * MINUTE_MS) !== 0) {
        throw new Error(`${zone} changes offset at ${new Date(hi).toISOString()}, not on a quarter hour: the reference's wall-clock oracle assumes it does`);
      }
      anchors.push(anchorAt(zone, `offset change at ${new Date(hi).toISOString()}`, hi));
    }
  }
  const ordinary = ['2025-01-06', '2025-06-13', '2025-12-24', '2024-02-29', '2025-12-31'];
  for (const date of ordinary) {
    anchors.push(anchorAt(zone, `local midnight ${date}`, DateTime.fromISO(date, { zone }).toMillis()));
  }
  // A seam between two blocks of precomputed days (local day numbers that are multiples of BLOCK_DAYS).
  const seamDay = Math.ceil(Date.UTC(years[0], 3, 1) / DAY_MS / BLOCK_DAYS) * BLOCK_DAYS;
  const seamDate = new Date(seamDay * DAY_MS).toISOString().slice(0, 10);
  anchors.push(anchorAt(zone, `block seam ${seamDate}`, DateTime.fromISO(seamDate, { zone }).toMillis()));
  return anchors;
}

function anchorAt(zone: string, label: string, instant: number): Anchor {
  return { label, instant, localDate: DateTime.fromMillis(instant, { zone }).toISODate() as string };
}

export function toTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Times of day that matter: midnight, DST hours (01:00-03:00 in the tested zones), office hours, 24:00. */
const NOTABLE_MINUTES = [0, 30, 60, 90, 120, 150, 180, 210, 540, 720, 780, 1050, 1410, 1440];
const timePoint = fc.oneof(fc.constantFrom(...NOTABLE_MINUTES), fc.integer({ min: 0, max: 1440 }));

const PRESET_DAYS: WorkingInterval[][] = [
  [{ start: '09:00', end: '17:00' }],
  [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }],
  [{ start: '00:00', end: '06:00' }],
  [{ start: '00:00', end: '24:00' }],
  [{ start: '00:00', end: '02:00' }, { start: '02:00', end: '24:00' }],
  [{ start: '01:30', end: '02:30' }],
  [{ start: '02:30', end: '03:30' }, { start: '22:00', end: '24:00' }],
];

/** A day's working intervals: ordered, not overlapping; sometimes touching; often around DST hours. */
export const dayIntervals: fc.Arbitrary<WorkingInterval[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<WorkingInterval[]>([]) },
  { weight: 3, arbitrary: fc.constantFrom(...PRESET_DAYS) },
  {
    weight: 5,
    arbitrary: fc.tuple(fc.uniqueArray(timePoint, { minLength: 2, maxLength: 7 }), fc.boolean()).map(([points, touching]) => {
      const sorted = [...points].sort((a, b) => a - b);
      const intervals: WorkingInterval[] = [];
      // Touching: a chain p0-p1, p1-p2, ...; otherwise disjoint pairs p0-p1, p2-p3, ...
      for (let i = 0; i + 1 < sorted.length; i += touching ? 1 : 2) {
        intervals.push({ start: toTimeOfDay(sorted[i]), end: toTimeOfDay(sorted[i + 1]) });
      }
      return intervals;
    }),
  },
);

/** A random, valid calendar in `zone` with holidays around `anchor`. */
export function calendarArb(zone: string, anchor: Anchor): fc.Arbitrary<BusinessCalendar> {
  const weeklyHours = fc.tuple(...WEEKDAYS.map(() => dayIntervals)).map((days) => {
    const week: Record<string, WorkingInterval[]> = {};
    WEEKDAYS.forEach((day, i) => {
      if (days[i].length > 0 || i % 2 === 0) week[day] = days[i];
    });
    // A calendar must have some working time in its week (the validator insists).
    if (Object.values(week).every((d) => d.length === 0)) week.monday = PRESET_DAYS[0];
    return week as WeeklyHours;
  });
  const holidays = fc
    .uniqueArray(fc.integer({ min: -4, max: 4 }), { maxLength: 3 })
    .chain((offsets) =>
      fc.tuple(...offsets.map(() => fc.option(dayIntervals, { nil: undefined }))).map((hours) =>
        offsets.map((offset, i): Holiday => {
          const date = DateTime.fromISO(anchor.localDate, { zone: 'UTC' }).plus({ days: offset }).toISODate() as string;
          const h = hours[i];
          return h === undefined ? { date } : { date, hours: h };
        }),
      ),
    );
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ timeZone: fc.constant(zone), weeklyHours, holidays }) },
    { weight: 1, arbitrary: fc.constant(roundTheClock(zone)) },
    { weight: 1, arbitrary: holidays.map((h) => ({ ...roundTheClock(zone), holidays: h })) },
  );
}

function roundTheClock(zone: string): BusinessCalendar {
  return { timeZone: zone, weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]])) };
}

/** Every wall-clock boundary that appears in the calendar, in minutes. */
function boundaryMinutes(calendar: BusinessCalendar): number[] {
  const all = [
    ...Object.values(calendar.weeklyHours).flatMap((d) => d ?? []),
    ...(calendar.holidays ?? []).flatMap((h) => h.hours ?? []),
  ].flatMap((i) => [i.start, i.end]);
  return [...new Set([0, ...all.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)))])];
}

const JITTER = fc.constantFrom(0, 0, 0, 1, -1, 999, -MINUTE_MS, MINUTE_MS, 30 * MINUTE_MS);

/**
 * An instant within about two days of the anchor: anywhere (to the millisecond), on a minute, on
 * the anchor itself (a transition or a midnight), or on one of the calendar's wall-clock boundaries
 * of a nearby day (converted by luxon, whichever occurrence it picks), each give or take a jitter.
 */
export function instantArb(zone: string, anchor: Anchor, calendar: BusinessCalendar): fc.Arbitrary<number> {
  const boundaries = boundaryMinutes(calendar);
  return fc.oneof(
    fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }).map((offset) => anchor.instant + offset),
    fc.integer({ min: -2 * 1440, max: 2 * 1440 }).map((minutes) => anchor.instant + minutes * MINUTE_MS),
    JITTER.map((jitter) => anchor.instant + jitter),
    fc.tuple(fc.integer({ min: -2, max: 1 }), fc.constantFrom(...boundaries), JITTER).map(([days, minutes, jitter]) => {
      const local = DateTime.fromISO(anchor.localDate, { zone }).plus({ days }).startOf('day');
      return local.set({ hour: 0, minute: 0 }).plus({ minutes }).toMillis() + jitter;
    }),
  );
}

/** A calendar with two instants near one anchor of the zone (and pauses there, when asked for). */
export function scenarioArb(zone: string, anchors: readonly Anchor[], withPauses = false) {
  return fc
    .constantFrom(...anchors)
    .chain((anchor) =>
      calendarArb(zone, anchor).chain((calendar) =>
        fc.record({
          anchor: fc.constant(anchor.label),
          calendar: fc.constant(calendar),
          a: instantArb(zone, anchor, calendar),
          b: instantArb(zone, anchor, calendar),
          pauses: withPauses ? pausesArb(zone, anchor, calendar) : fc.constant([]),
        }),
      ),
    );
}

/**
 * Pauses near the anchor: overlapping each other, starting before the clock, still open, or long
 * enough to cover a night, a weekend or a holiday.
 */
export function pausesArb(zone: string, anchor: Anchor, calendar: BusinessCalendar): fc.Arbitrary<Pause[]> {
  const pause = fc
    .tuple(
      instantArb(zone, anchor, calendar),
      fc.oneof(
        fc.constant(null),
        fc.constant(undefined),
        fc.integer({ min: 0, max: 2 * DAY_MS }),
        fc.integer({ min: 0, max: 180 }).map((m) => m * MINUTE_MS),
      ),
    )
    .map(([start, length]): Pause => (length === null || length === undefined ? { start, end: length } : { start, end: start + length }));
  return fc.array(pause, { maxLength: 4 });
}
