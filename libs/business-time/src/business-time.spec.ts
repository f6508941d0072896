import { addBusinessTime, businessTimeBetween, isWorkingInstant, nextWorkingInstant, workingSpansBetween } from './business-time';
import { BusinessTimeArgumentError, BusinessTimeRangeError, InvalidCalendarError } from './business-time.errors';
import type { BusinessCalendar } from './calendar.types';
import { calendar24x7 } from './calendar-presets';
import { compileCalendar } from './calendar-timeline';
import { SUPPORTED_RANGE } from './instant';
import { at, HOUR, iso, londonOffice, MINUTE, weekdays } from './test-support/example-calendars';

// June 2025 in London is BST (UTC+1). Friday 2025-06-13, Monday 2025-06-16, Tuesday 2025-06-17.
const FRIDAY_16 = at('2025-06-13T16:00:00+01:00');

describe('due times of SLA targets on office hours (Mon-Fri 09:00-17:00, London)', () => {
  it('puts a 4-hour target opened on Friday at 16:00 on Monday at 12:00', () => {
    expect(iso(addBusinessTime(londonOffice, FRIDAY_16, 4 * HOUR))).toBe(iso(at('2025-06-16T12:00:00+01:00')));
  });

  it('moves the same target to Tuesday at 12:00 when Monday is a holiday', () => {
    const withHoliday: BusinessCalendar = { ...londonOffice, holidays: [{ date: '2025-06-16', name: 'Company day' }] };
    expect(iso(addBusinessTime(withHoliday, FRIDAY_16, 4 * HOUR))).toBe(iso(at('2025-06-17T12:00:00+01:00')));
  });

  it('uses a holiday\'s own hours when it has them (a half day)', () => {
    const halfDay: BusinessCalendar = { ...londonOffice, holidays: [{ date: '2025-06-16', hours: [{ start: '09:00', end: '10:00' }] }] };
    // 1 h on Friday, 1 h on Monday morning, the last 2 h on Tuesday.
    expect(iso(addBusinessTime(halfDay, FRIDAY_16, 4 * HOUR))).toBe(iso(at('2025-06-17T11:00:00+01:00')));
  });

  it('is due at 17:00 when the time runs out exactly at the end of the day, not at 09:00 the next working day', () => {
    expect(iso(addBusinessTime(londonOffice, FRIDAY_16, 1 * HOUR))).toBe(iso(at('2025-06-13T17:00:00+01:00')));
    expect(iso(addBusinessTime(londonOffice, at('2025-06-13T09:00:00+01:00'), 8 * HOUR))).toBe(iso(at('2025-06-13T17:00:00+01:00')));
  });

  it('is due at once for a zero target, even outside working hours', () => {
    const saturday = at('2025-06-14T10:00:00+01:00');
    expect(addBusinessTime(londonOffice, saturday, 0)).toBe(saturday);
  });

  it('starts counting at the opening of business when a target is opened out of hours', () => {
    const saturday = at('2025-06-14T10:00:00+01:00');
    expect(iso(addBusinessTime(londonOffice, saturday, 30 * MINUTE))).toBe(iso(at('2025-06-16T09:30:00+01:00')));
  });

  it('skips the lunch break of a split day (08:00-12:00 and 13:00-17:30)', () => {
    const split: BusinessCalendar = { timeZone: 'Europe/London', weeklyHours: weekdays({ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }) };
    expect(iso(addBusinessTime(split, at('2025-06-16T11:00:00+01:00'), 2 * HOUR))).toBe(iso(at('2025-06-16T14:00:00+01:00')));
    expect(businessTimeBetween(split, at('2025-06-16T11:30:00+01:00'), at('2025-06-16T13:30:00+01:00'))).toBe(1 * HOUR);
    // A full split day is 4 h + 4.5 h.
    expect(businessTimeBetween(split, at('2025-06-16T00:00:00+01:00'), at('2025-06-17T00:00:00+01:00'))).toBe(8.5 * HOUR);
  });

  it('runs a night shift on through midnight when one day ends at 24:00 and the next starts at 00:00', () => {
    const nights: BusinessCalendar = {
      timeZone: 'Europe/London',
      weeklyHours: { friday: [{ start: '22:00', end: '24:00' }], saturday: [{ start: '00:00', end: '06:00' }] },
    };
    expect(iso(addBusinessTime(nights, at('2025-06-13T22:00:00+01:00'), 3 * HOUR))).toBe(iso(at('2025-06-14T01:00:00+01:00')));
    expect(workingSpansBetween(nights, at('2025-06-13T00:00:00+01:00'), at('2025-06-15T00:00:00+01:00'))).toEqual([
      { start: at('2025-06-13T22:00:00+01:00'), end: at('2025-06-14T00:00:00+01:00') },
      { start: at('2025-06-14T00:00:00+01:00'), end: at('2025-06-14T06:00:00+01:00') },
    ]);
  });

  it('reads working hours as wall-clock time in the calendar\'s own zone', () => {
    const kolkata: BusinessCalendar = { ...londonOffice, timeZone: 'Asia/Kolkata' };
    // 09:00 IST is 03:30 UTC (a half-hour offset).
    expect(iso(nextWorkingInstant(kolkata, at('2025-06-16T00:00:00Z')))).toBe('2025-06-16T03:30:00.000Z');
    const newYork: BusinessCalendar = { ...londonOffice, timeZone: 'America/New_York' };
    expect(iso(nextWorkingInstant(newYork, at('2025-06-16T00:00:00Z')))).toBe('2025-06-16T13:00:00.000Z');
  });
});

describe('business time between two instants', () => {
  it('counts the 4 working hours from Friday 16:00 to Monday 12:00, and nothing over the weekend', () => {
    expect(businessTimeBetween(londonOffice, FRIDAY_16, at('2025-06-16T12:00:00+01:00'))).toBe(4 * HOUR);
    expect(businessTimeBetween(londonOffice, at('2025-06-13T17:00:00+01:00'), at('2025-06-16T09:00:00+01:00'))).toBe(0);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessTimeBetween(londonOffice, FRIDAY_16, FRIDAY_16)).toBe(0);
    expect(businessTimeBetween(londonOffice, FRIDAY_16, FRIDAY_16 - HOUR)).toBe(0);
  });

  it('is exact to the millisecond', () => {
    const opening = at('2025-06-16T09:00:00+01:00');
    expect(businessTimeBetween(londonOffice, opening - 1, opening + 1)).toBe(1);
    expect(businessTimeBetween(londonOffice, opening + 1, opening + 2)).toBe(1);
    expect(addBusinessTime(londonOffice, opening - 5, 7)).toBe(opening + 7);
  });

  it('counts a whole working year: 261 weekdays of 8 hours in 2025, minus 8 bank holidays', () => {
    const bankHolidays = ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'];
    const calendar: BusinessCalendar = { ...londonOffice, holidays: bankHolidays.map((date) => ({ date })) };
    expect(businessTimeBetween(calendar, at('2025-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBe((261 - 8) * 8 * HOUR);
  });

  it('accepts Date objects as well as epoch milliseconds', () => {
    expect(businessTimeBetween(londonOffice, new Date(FRIDAY_16), new Date(at('2025-06-16T12:00:00+01:00')))).toBe(4 * HOUR);
  });
});

describe('adding and measuring business time undo each other', () => {
  const from = at('2025-06-12T15:20:00+01:00');

  it.each([0, 1, 40 * MINUTE, 1 * HOUR + 40 * MINUTE, 8 * HOUR, 3 * 8 * HOUR + 17])('measures back exactly %i ms added', (duration) => {
    expect(businessTimeBetween(londonOffice, from, addBusinessTime(londonOffice, from, duration))).toBe(duration);
  });

  it('returns the instant measured to when it is working time, and the end of the last interval when it is not', () => {
    const working = at('2025-06-16T10:00:00+01:00');
    expect(addBusinessTime(londonOffice, from, businessTimeBetween(londonOffice, from, working))).toBe(working);
    const sundayNight = at('2025-06-15T23:00:00+01:00');
    expect(iso(addBusinessTime(londonOffice, from, businessTimeBetween(londonOffice, from, sundayNight)))).toBe(iso(at('2025-06-13T17:00:00+01:00')));
  });
});

describe('working instants', () => {
  it('treats the start of an interval as working and its end as not', () => {
    expect(isWorkingInstant(londonOffice, at('2025-06-16T09:00:00+01:00'))).toBe(true);
    expect(isWorkingInstant(londonOffice, at('2025-06-16T16:59:59.999+01:00'))).toBe(true);
    expect(isWorkingInstant(londonOffice, at('2025-06-16T17:00:00+01:00'))).toBe(false);
    expect(isWorkingInstant(londonOffice, at('2025-06-14T12:00:00+01:00'))).toBe(false);
  });

  it('finds the next working instant: itself during hours, Monday 09:00 after Friday 17:00', () => {
    const during = at('2025-06-16T11:11:11.111+01:00');
    expect(nextWorkingInstant(londonOffice, during)).toBe(during);
    expect(iso(nextWorkingInstant(londonOffice, at('2025-06-13T17:00:00+01:00')))).toBe(iso(at('2025-06-16T09:00:00+01:00')));
  });
});

describe('round-the-clock calendars', () => {
  it('count elapsed time as business time, whatever the zone', () => {
    const calendar = calendar24x7('America/New_York');
    const from = at('2025-03-08T12:00:00Z');
    expect(businessTimeBetween(calendar, from, from + 48 * HOUR)).toBe(48 * HOUR);
    expect(addBusinessTime(calendar, from, 48 * HOUR)).toBe(from + 48 * HOUR);
    expect(isWorkingInstant(calendar, from)).toBe(true);
  });
});

describe('bad arguments', () => {
  it('rejects instants that are not whole epoch milliseconds or valid Dates, naming the argument', () => {
    expect(() => businessTimeBetween(londonOffice, Number.NaN, 0)).toThrow(BusinessTimeArgumentError);
    expect(() => businessTimeBetween(londonOffice, 0.5, 0)).toThrow(/from must be whole epoch milliseconds/);
    expect(() => isWorkingInstant(londonOffice, new Date('not a date'))).toThrow(/instant is an invalid Date/);
    expect(() => nextWorkingInstant(londonOffice, '2025-01-01' as unknown as number)).toThrow(BusinessTimeArgumentError);
  });

  it('rejects negative or fractional durations', () => {
    expect(() => addBusinessTime(londonOffice, FRIDAY_16, -1)).toThrow(/duration must be whole, non-negative milliseconds/);
    expect(() => addBusinessTime(londonOffice, FRIDAY_16, 1.5)).toThrow(BusinessTimeArgumentError);
  });

  // How fast it gives up is the benchmark's business (bench/business-time.bench.ts), not a test's:
  // a timed assertion failed CI on a loaded machine.
  it('rejects instants outside the supported range, and results beyond it', () => {
    expect(() => businessTimeBetween(londonOffice, 0, 8.64e15)).toThrow(BusinessTimeRangeError);
    const oneHourAWeek: BusinessCalendar = { timeZone: 'UTC', weeklyHours: { sunday: [{ start: '10:00', end: '11:00' }] } };
    expect(() => addBusinessTime(oneHourAWeek, at('2025-01-01T00:00:00Z'), 200 * 52 * HOUR)).toThrow(BusinessTimeRangeError);
    expect(addBusinessTime(calendar24x7(), SUPPORTED_RANGE.end - 1, 1)).toBe(SUPPORTED_RANGE.end);
  });

  it('throws a typed error listing the findings when given an invalid calendar', () => {
    const broken = { timeZone: 'Mars/Olympus', weeklyHours: { monday: [{ start: '17:00', end: '09:00' }] } };
    expect(() => businessTimeBetween(broken as BusinessCalendar, 0, 1)).toThrow(InvalidCalendarError);
    try {
      addBusinessTime(broken as BusinessCalendar, 0, 1);
    } catch (error) {
      expect((error as InvalidCalendarError).findings.map((f) => f.path)).toEqual(['$.timeZone', '$.weeklyHours.monday[0].end']);
      expect((error as Error).message).toContain('$.weeklyHours.monday[0].end: 09:00 is not after the start 17:00');
    }
    expect.assertions(3);
  });

  it('accepts a compiled calendar and does not see later changes to the object it was built from', () => {
    const draft = { timeZone: 'Europe/London', weeklyHours: weekdays({ start: '09:00', end: '17:00' }) };
    const compiled = compileCalendar(draft);
    (draft as { timeZone: string }).timeZone = 'Asia/Tokyo';
    expect(compiled.timeZone).toBe('Europe/London');
    expect(businessTimeBetween(compiled, FRIDAY_16, at('2025-06-16T12:00:00+01:00'))).toBe(4 * HOUR);
  });
});
