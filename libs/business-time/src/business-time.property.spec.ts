import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween, isWorkingInstant, nextWorkingInstant } from './business-time';
import { anchorsFor, scenarioArb, UNUSUAL_ZONES, ZONES, type Anchor } from './test-support/arbitraries';
import { assertProperty, expectSame } from './test-support/fast-check-settings';
import { ReferenceCalendar } from './test-support/reference-business-time';

/**
 * Every function against the minute-walking reference, on random calendars and instants biased
 * towards DST transitions, midnights, interval edges, holidays and block seams.
 */

const DAY_MS = 86_400_000;
const RUNS = 400;
const UNUSUAL_RUNS = 100;

function describeZone(zone: string, anchors: readonly Anchor[], runs: number): void {
  const scenarios = scenarioArb(zone, anchors);

  it('counts exactly the working milliseconds the reference counts between any two instants', () => {
    assertProperty(
      fc.property(scenarios, ({ calendar, a, b }) => {
        const reference = new ReferenceCalendar(calendar);
        expectSame(businessTimeBetween(calendar, a, b), reference.businessTimeBetween(a, b), 'businessTimeBetween(a, b)');
        expectSame(businessTimeBetween(calendar, b, a), reference.businessTimeBetween(b, a), 'businessTimeBetween(b, a)');
      }),
      runs,
    );
  });

  it('finds the same due time as the reference, ending on an interval end rather than the next start', () => {
    const durationChoice = fc.oneof(
      fc.constant({ kind: 'zero' as const, share: 0 }),
      fc.constant({ kind: 'exactly up to the other instant' as const, share: 0 }),
      fc.integer({ min: 1, max: 1_000_000 }).map((share) => ({ kind: 'a share of the next two days' as const, share })),
    );
    assertProperty(
      fc.property(scenarios, durationChoice, ({ calendar, a, b }, choice) => {
        const reference = new ReferenceCalendar(calendar);
        const from = Math.min(a, b);
        let duration = 0;
        if (choice.kind === 'exactly up to the other instant') duration = reference.businessTimeBetween(from, Math.max(a, b));
        if (choice.kind === 'a share of the next two days') {
          duration = Math.round((reference.businessTimeBetween(from, from + 2 * DAY_MS) * choice.share) / 1_000_000);
        }
        expectSame(addBusinessTime(calendar, from, duration), reference.addBusinessTime(from, duration), `addBusinessTime(from, ${duration})`);
      }),
      runs,
    );
  });

  it('agrees with the reference on whether an instant is working and when work next starts', () => {
    assertProperty(
      fc.property(scenarios, ({ calendar, a }) => {
        const reference = new ReferenceCalendar(calendar);
        expectSame(isWorkingInstant(calendar, a), reference.isWorkingInstant(a), 'isWorkingInstant');
        expectSame(nextWorkingInstant(calendar, a), reference.nextWorkingInstant(a), 'nextWorkingInstant');
      }),
      runs,
    );
  });
}

describe.each(ZONES)('business time in %s matches the minute-walking reference', (zone) => {
  describeZone(zone, anchorsFor(zone), RUNS);
});

describe.each(UNUSUAL_ZONES)('business time in $zone (unusual transitions) matches the reference', ({ zone, years }) => {
  describeZone(zone, anchorsFor(zone, years), UNUSUAL_RUNS);
});
