import fc from 'fast-check';
import { businessTimeBetween } from './business-time';
import { measureElapsedBusinessTime } from './elapsed-with-pauses';
import { anchorsFor, scenarioArb, ZONES } from './test-support/arbitraries';
import { assertProperty, expectSame } from './test-support/fast-check-settings';
import { ReferenceCalendar } from './test-support/reference-business-time';

/**
 * Elapsed business time with pauses against the reference, which checks every minute (cut at pause
 * boundaries) on its own: it never merges, clips or sorts pauses, so it cannot share a bug with the
 * union-of-pauses arithmetic of the library.
 */

const RUNS = 400;

describe.each(ZONES)('an SLA clock with pauses in %s', (zone) => {
  const scenarios = scenarioArb(zone, anchorsFor(zone), true);

  it('counts the same elapsed business time as the reference, whatever the pauses', () => {
    assertProperty(
      fc.property(scenarios, ({ calendar, a, b, pauses }) => {
        const [start, now] = a <= b ? [a, b] : [b, a];
        const reference = new ReferenceCalendar(calendar);
        const measured = measureElapsedBusinessTime(calendar, start, now, pauses);
        expectSame(measured.elapsed, reference.elapsedWithPauses(start, now, pauses), 'elapsed');
        expectSame(measured.working, businessTimeBetween(calendar, start, now), 'working');
        expectSame(measured.paused >= 0 && measured.elapsed >= 0, true, 'paused and elapsed are not negative');
      }),
      RUNS,
    );
  });

  it('is unchanged by the order of the pauses or by a pause being recorded twice', () => {
    assertProperty(
      fc.property(scenarios, fc.nat(), ({ calendar, a, b, pauses }, rotation) => {
        const [start, now] = a <= b ? [a, b] : [b, a];
        const once = measureElapsedBusinessTime(calendar, start, now, pauses);
        const k = pauses.length === 0 ? 0 : rotation % pauses.length;
        const reordered = [...pauses.slice(k), ...pauses.slice(0, k)].reverse();
        expect(measureElapsedBusinessTime(calendar, start, now, [...reordered, ...pauses])).toEqual(once);
      }),
      RUNS,
    );
  });
});
