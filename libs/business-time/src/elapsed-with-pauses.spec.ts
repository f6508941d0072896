import { businessTimeBetween } from './business-time';
import { BusinessTimeArgumentError } from './business-time.errors';
import { elapsedBusinessTime, measureElapsedBusinessTime } from './elapsed-with-pauses';
import { at, HOUR, londonOffice, MINUTE } from './test-support/example-calendars';

// Office hours Mon-Fri 09:00-17:00 in London (BST). Friday 13 June 2025 to Tuesday 17 June.
const FRIDAY_10 = at('2025-06-13T10:00:00+01:00');
const MONDAY_12 = at('2025-06-16T12:00:00+01:00');

describe('elapsed business time of an SLA clock with pauses', () => {
  it('removes only the working hours inside a pause that spans a weekend', () => {
    // Awaiting the caller from Friday 16:00 to Monday 11:00: 1 h on Friday and 2 h on Monday are paused.
    const pauses = [{ start: at('2025-06-13T16:00:00+01:00'), end: at('2025-06-16T11:00:00+01:00') }];
    expect(measureElapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toEqual({
      working: 10 * HOUR, // Friday 10:00-17:00 and Monday 09:00-12:00
      paused: 3 * HOUR,
      elapsed: 7 * HOUR,
    });
  });

  it('equals the business time between start and now when nothing paused it', () => {
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12)).toBe(businessTimeBetween(londonOffice, FRIDAY_10, MONDAY_12));
  });

  it('keeps an open pause running until now', () => {
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, [{ start: at('2025-06-16T10:00:00+01:00') }])).toBe(8 * HOUR);
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, [{ start: at('2025-06-16T10:00:00+01:00'), end: null }])).toBe(8 * HOUR);
  });

  it('counts overlapping pauses once (awaiting the caller while also awaiting a vendor)', () => {
    const pauses = [
      { start: at('2025-06-13T11:00:00+01:00'), end: at('2025-06-13T14:00:00+01:00') },
      { start: at('2025-06-13T13:00:00+01:00'), end: at('2025-06-13T15:00:00+01:00') },
      { start: at('2025-06-13T11:00:00+01:00'), end: at('2025-06-13T14:00:00+01:00') },
    ];
    // 11:00-15:00 paused once: 4 h of the 10 h.
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toBe(6 * HOUR);
  });

  it('ignores the part of a pause before the clock started and the pauses after now', () => {
    const pauses = [
      { start: at('2025-06-12T09:00:00+01:00'), end: at('2025-06-13T11:00:00+01:00') },
      { start: at('2025-06-16T13:00:00+01:00'), end: at('2025-06-16T15:00:00+01:00') },
      { start: at('2025-06-17T09:00:00+01:00') },
    ];
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toBe(9 * HOUR);
  });

  it('removes nothing for a pause that lies wholly outside working hours', () => {
    const pauses = [{ start: at('2025-06-13T18:00:00+01:00'), end: at('2025-06-16T08:59:00+01:00') }];
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toBe(10 * HOUR);
  });

  it('never goes negative, even when a pause covers the whole clock', () => {
    const pauses = [{ start: FRIDAY_10 - HOUR, end: MONDAY_12 + HOUR }];
    expect(measureElapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toEqual({ working: 10 * HOUR, paused: 10 * HOUR, elapsed: 0 });
  });

  it('is zero when now is not after the start', () => {
    expect(elapsedBusinessTime(londonOffice, MONDAY_12, FRIDAY_10, [{ start: FRIDAY_10 }])).toBe(0);
  });

  it('treats touching pauses as one and zero-length pauses as nothing', () => {
    const pauses = [
      { start: at('2025-06-16T09:00:00+01:00'), end: at('2025-06-16T09:30:00+01:00') },
      { start: at('2025-06-16T09:30:00+01:00'), end: at('2025-06-16T10:00:00+01:00') },
      { start: at('2025-06-16T11:00:00+01:00'), end: at('2025-06-16T11:00:00+01:00') },
    ];
    expect(elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toBe(9 * HOUR);
  });

  it('accepts Dates for the clock and the pauses', () => {
    const pauses = [{ start: new Date('2025-06-13T15:00:00+01:00'), end: new Date('2025-06-13T15:45:00+01:00') }];
    expect(elapsedBusinessTime(londonOffice, new Date(FRIDAY_10), new Date(MONDAY_12), pauses)).toBe(10 * HOUR - 45 * MINUTE);
  });

  it('rejects a pause that ends before it starts, naming it', () => {
    const pauses = [
      { start: FRIDAY_10, end: FRIDAY_10 + HOUR },
      { start: FRIDAY_10 + HOUR, end: FRIDAY_10 },
    ];
    expect(() => elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, pauses)).toThrow(new BusinessTimeArgumentError('pauses[1] ends before it starts'));
    expect(() => elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, [null as never])).toThrow(BusinessTimeArgumentError);
    expect(() => elapsedBusinessTime(londonOffice, FRIDAY_10, MONDAY_12, [{ start: Number.NaN }])).toThrow(/pauses\[0\]\.start/);
  });
});
