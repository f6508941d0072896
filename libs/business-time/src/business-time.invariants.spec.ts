import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addBusinessTime, businessTimeBetween, isWorkingInstant, nextWorkingInstant, workingSpansBetween } from './business-time';
import type { BusinessCalendar } from './calendar.types';
import { calendar24x7 } from './calendar-presets';
import { anchorsFor, calendarArb, UNUSUAL_ZONES, ZONES } from './test-support/arbitraries';
import { assertProperty, FC_SEED } from './test-support/fast-check-settings';

/**
 * Laws the arithmetic must obey over spans of years, too long for the minute-walking reference:
 * additivity, the inverse relation between adding and measuring, and exact agreement with elapsed
 * time for an always-open calendar forced through the general code path.
 */

const YEAR_MS = 365 * 86_400_000;
const RUNS = 300;
const ALL_ZONES = [...ZONES, ...UNUSUAL_ZONES.map((z) => z.zone)];

/** A handful of random calendars per zone, reused across runs so that their precomputed days are too. */
function calendarPool(zone: string): BusinessCalendar[] {
  const anchors = anchorsFor(zone, [2025]);
  return fc.sample(calendarArb(zone, anchors[0]), { numRuns: 12, seed: FC_SEED });
}

/** Instants anywhere from 2015 to 2035, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) });
/** Three ordered instants up to about three years apart. */
const ordered = fc
  .tuple(instant, fc.integer({ min: 0, max: 3 * YEAR_MS }), fc.integer({ min: 0, max: 3 * YEAR_MS }))
  .map(([a, x, y]) => [a, a + Math.min(x, y), a + Math.max(x, y)] as const);

describe.each(ALL_ZONES)('business-time laws over long spans in %s', (zone) => {
  const calendars = fc.constantFrom(...calendarPool(zone));

  it('adds up: the time from a to c is the time from a to b plus the time from b to c', () => {
    assertProperty(
      fc.property(calendars, ordered, (calendar, [a, b, c]) => {
        expect(businessTimeBetween(calendar, a, c)).toBe(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c));
      }),
      RUNS,
    );
  });

  it('adding a duration and measuring it back gives the same duration, at the earliest such instant', () => {
    const duration = fc.oneof(fc.integer({ min: 0, max: 2 * 3_600_000 }), fc.integer({ min: 0, max: YEAR_MS / 4 }));
    assertProperty(
      fc.property(calendars, instant, duration, (calendar, from, ms) => {
        const due = addBusinessTime(calendar, from, ms);
        expect(businessTimeBetween(calendar, from, due)).toBe(ms);
        if (ms > 0) expect(businessTimeBetween(calendar, from, due - 1)).toBeLessThan(ms);
        // Measuring then adding lands at or before the end, with no working time in between.
        const to = from + (ms % (2 * YEAR_MS));
        const back = addBusinessTime(calendar, from, businessTimeBetween(calendar, from, to));
        expect(back).toBeLessThanOrEqual(to);
        expect(businessTimeBetween(calendar, back, to)).toBe(0);
      }),
      RUNS,
    );
  });

  it('says an instant is working exactly when the millisecond after it counts, and finds the next one', () => {
    assertProperty(
      fc.property(calendars, instant, (calendar, t) => {
        expect(isWorkingInstant(calendar, t)).toBe(businessTimeBetween(calendar, t, t + 1) === 1);
        const next = nextWorkingInstant(calendar, t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(isWorkingInstant(calendar, next)).toBe(true);
        expect(businessTimeBetween(calendar, t, next)).toBe(0);
      }),
      RUNS,
    );
  });

  it('lists working spans that are ordered, inside the range and sum to the business time', () => {
    assertProperty(
      fc.property(calendars, instant, fc.integer({ min: 0, max: YEAR_MS / 12 }), (calendar, from, length) => {
        const spans = workingSpansBetween(calendar, from, from + length);
        let previousEnd = from;
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          previousEnd = span.end;
        }
        expect(previousEnd).toBeLessThanOrEqual(from + length);
        expect(spans.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(businessTimeBetween(calendar, from, from + length));
      }),
      RUNS,
    );
  });

  it('counts every millisecond of real time on a round-the-clock calendar, across every DST change of the years', () => {
    // A holiday in 1901 keeps the calendar off the always-open shortcut, so the day-by-day code runs.
    const calendar: BusinessCalendar = { ...calendar24x7(zone), holidays: [{ date: '1901-06-01' }] };
    assertProperty(
      fc.property(ordered, ([a, , c]) => {
        expect(businessTimeBetween(calendar, a, c)).toBe(c - a);
        expect(addBusinessTime(calendar, a, c - a)).toBe(c);
      }),
      RUNS,
    );
  });
});

describe('weekly totals in zones without daylight saving', () => {
  it.each(['UTC', 'Asia/Kolkata'])('gives whole weeks in %s exactly the weekly working minutes, for years on end', (zone) => {
    assertProperty(
      fc.property(calendarArb(zone, anchorsFor(zone, [2025])[0]).map((c) => ({ ...c, holidays: [] })), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 520 }), (calendar, weekNo, weeks) => {
        const weekly = Object.values(calendar.weeklyHours)
          .flatMap((day) => day ?? [])
          .reduce((sum, { start, end }) => sum + minutes(end) - minutes(start), 0);
        // Mondays from 1990 on, at local midnight.
        const monday = DateTime.fromISO('1990-01-01', { zone }).plus({ weeks: weekNo });
        const from = monday.toMillis();
        const to = monday.plus({ weeks }).toMillis();
        expect(businessTimeBetween(calendar, from, to)).toBe(weeks * weekly * 60_000);
      }),
      200,
    );
  });
});

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}
