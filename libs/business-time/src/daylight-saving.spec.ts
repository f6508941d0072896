import { addBusinessTime, businessTimeBetween, isWorkingInstant, nextWorkingInstant, workingSpansBetween } from './business-time';
import type { BusinessCalendar } from './calendar.types';
import { at, everyDay, HOUR, iso, MINUTE } from './test-support/example-calendars';

/**
 * Working hours are wall-clock times. On the day the clocks go forward an interval spanning the gap
 * is an hour shorter in real time; on the day they go back, an hour longer. A boundary inside the
 * gap resolves to the first instant after the gap; a boundary inside the repeated hour to its first
 * occurrence (both are "the earliest instant the clock shows that time or later").
 *
 * 2025 transitions used below (checked against luxon):
 * - London:   30 Mar 01:00 GMT -> 02:00 BST (gap 01:00-02:00); 26 Oct 02:00 BST -> 01:00 GMT (01:00-02:00 twice)
 * - New York:  9 Mar 02:00 EST -> 03:00 EDT (gap 02:00-03:00);  2 Nov 02:00 EDT -> 01:00 EST (01:00-02:00 twice)
 * - Sydney:    6 Apr 03:00 AEDT -> 02:00 AEST (02:00-03:00 twice); 5 Oct 02:00 AEST -> 03:00 AEDT (gap 02:00-03:00)
 * - Santiago:  7 Sep 00:00 -04 -> 01:00 -03 (the day has no midnight); 5 Apr 24:00 -03 -> 23:00 -04
 */

function hoursOnLocalDay(calendar: BusinessCalendar, startIso: string, endIso: string): number {
  return businessTimeBetween(calendar, at(startIso), at(endIso)) / HOUR;
}

describe.each([
  { zone: 'Europe/London', spring: ['2025-03-30T00:00:00+00:00', '2025-03-31T00:00:00+01:00'], autumn: ['2025-10-26T00:00:00+01:00', '2025-10-27T00:00:00+00:00'] },
  { zone: 'America/New_York', spring: ['2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00'], autumn: ['2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00'] },
  { zone: 'Australia/Sydney', spring: ['2025-10-05T00:00:00+10:00', '2025-10-06T00:00:00+11:00'], autumn: ['2025-04-06T00:00:00+11:00', '2025-04-07T00:00:00+10:00'] },
])('daylight saving in $zone', ({ zone, spring, autumn }) => {
  const nights = everyDay(zone, { start: '00:00', end: '06:00' });
  const allDay = everyDay(zone, { start: '00:00', end: '24:00' });
  const office = everyDay(zone, { start: '09:00', end: '17:00' });

  it('gives a 00:00-06:00 shift 5 real hours on the day the clocks go forward, 7 on the day they go back', () => {
    expect(hoursOnLocalDay(nights, spring[0], spring[1])).toBe(5);
    expect(hoursOnLocalDay(nights, autumn[0], autumn[1])).toBe(7);
  });

  it('gives a 00:00-24:00 day 23 real hours when the clocks go forward and 25 when they go back', () => {
    expect(hoursOnLocalDay(allDay, spring[0], spring[1])).toBe(23);
    expect(hoursOnLocalDay(allDay, autumn[0], autumn[1])).toBe(25);
  });

  it('keeps office hours at 8 real hours and at the same wall-clock times on both days', () => {
    expect(hoursOnLocalDay(office, spring[0], spring[1])).toBe(8);
    expect(hoursOnLocalDay(office, autumn[0], autumn[1])).toBe(8);
  });
});

describe('a working boundary inside the spring-forward gap moves to the first instant after the gap', () => {
  // New York, Sunday 9 March 2025: 02:00 EST (07:00Z) is followed by 03:00 EDT.
  it('starts a 02:30-05:00 interval at 03:00 EDT, making it 2 hours long', () => {
    const calendar = everyDay('America/New_York', { start: '02:30', end: '05:00' });
    expect(workingSpansBetween(calendar, at('2025-03-09T00:00:00-05:00'), at('2025-03-10T00:00:00-04:00'))).toEqual([
      { start: at('2025-03-09T07:00:00Z'), end: at('2025-03-09T09:00:00Z') },
    ]);
  });

  it('ends a 00:00-02:30 interval at 03:00 EDT, the instant the clock leaves the gap', () => {
    const calendar = everyDay('America/New_York', { start: '00:00', end: '02:30' });
    const spans = workingSpansBetween(calendar, at('2025-03-09T00:00:00-05:00'), at('2025-03-10T00:00:00-04:00'));
    expect(spans).toEqual([{ start: at('2025-03-09T05:00:00Z'), end: at('2025-03-09T07:00:00Z') }]);
    expect(isWorkingInstant(calendar, at('2025-03-09T06:59:59.999Z'))).toBe(true);
    expect(isWorkingInstant(calendar, at('2025-03-09T07:00:00Z'))).toBe(false);
  });

  it('drops an interval that lies wholly inside the gap (02:15-02:45) for that day only', () => {
    const calendar = everyDay('America/New_York', { start: '02:15', end: '02:45' });
    expect(hoursOnLocalDay(calendar, '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00')).toBe(0);
    expect(hoursOnLocalDay(calendar, '2025-03-10T00:00:00-04:00', '2025-03-11T00:00:00-04:00')).toBe(0.5);
    expect(iso(nextWorkingInstant(calendar, at('2025-03-09T00:00:00-05:00')))).toBe(iso(at('2025-03-10T02:15:00-04:00')));
  });

  it('counts two hours of work after 01:00 on the night shift as ending at 04:00 on the clock', () => {
    const nights = everyDay('America/New_York', { start: '00:00', end: '06:00' });
    expect(iso(addBusinessTime(nights, at('2025-03-09T01:00:00-05:00'), 2 * HOUR))).toBe(iso(at('2025-03-09T04:00:00-04:00')));
  });
});

describe('a working boundary inside the repeated hour takes its first occurrence', () => {
  // New York, Sunday 2 November 2025: 01:00-02:00 happens twice, first EDT (05:00-06:00Z), then EST (06:00-07:00Z).
  it('starts a 01:30-03:00 interval at 01:30 EDT, making it 2.5 hours long', () => {
    const calendar = everyDay('America/New_York', { start: '01:30', end: '03:00' });
    expect(workingSpansBetween(calendar, at('2025-11-02T00:00:00-04:00'), at('2025-11-03T00:00:00-05:00'))).toEqual([
      { start: at('2025-11-02T01:30:00-04:00'), end: at('2025-11-02T03:00:00-05:00') },
    ]);
    expect(hoursOnLocalDay(calendar, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(2.5);
  });

  it('ends a 00:00-01:30 interval at 01:30 EDT, and the second 01:00-01:30 is not working', () => {
    const calendar = everyDay('America/New_York', { start: '00:00', end: '01:30' });
    expect(hoursOnLocalDay(calendar, '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00')).toBe(1.5);
    expect(isWorkingInstant(calendar, at('2025-11-02T01:15:00-04:00'))).toBe(true);
    expect(isWorkingInstant(calendar, at('2025-11-02T01:15:00-05:00'))).toBe(false);
  });

  it('does the same in London, where the repeated hour is 01:00-02:00 on 26 October', () => {
    const calendar = everyDay('Europe/London', { start: '01:30', end: '09:00' });
    expect(iso(nextWorkingInstant(calendar, at('2025-10-26T00:00:00+01:00')))).toBe('2025-10-26T00:30:00.000Z');
    // 01:30 BST (00:30Z) to 09:00 GMT (09:00Z).
    expect(hoursOnLocalDay(calendar, '2025-10-26T00:00:00+01:00', '2025-10-27T00:00:00+00:00')).toBe(8.5);
  });

  it('does the same in Sydney in April, where 02:00-03:00 happens twice', () => {
    const calendar = everyDay('Australia/Sydney', { start: '02:30', end: '04:00' });
    // 02:30 AEDT (15:30Z on the 5th) to 04:00 AEST (18:00Z).
    expect(workingSpansBetween(calendar, at('2025-04-06T00:00:00+11:00'), at('2025-04-07T00:00:00+10:00'))).toEqual([
      { start: at('2025-04-05T15:30:00Z'), end: at('2025-04-05T18:00:00Z') },
    ]);
  });
});

describe('transitions at midnight and skipped days', () => {
  it('starts a Santiago day at 01:00 when its midnight does not exist (7 September 2025)', () => {
    const calendar = everyDay('America/Santiago', { start: '00:00', end: '24:00' });
    expect(hoursOnLocalDay(calendar, '2025-09-07T01:00:00-03:00', '2025-09-08T00:00:00-03:00')).toBe(23);
    const sundayOnly: BusinessCalendar = { timeZone: 'America/Santiago', weeklyHours: { sunday: [{ start: '00:00', end: '01:30' }] } };
    // 00:00 is in the gap: the interval runs from 01:00 -03 (04:00Z) to 01:30.
    expect(workingSpansBetween(sundayOnly, at('2025-09-06T00:00:00Z'), at('2025-09-09T00:00:00Z'))).toEqual([
      { start: at('2025-09-07T04:00:00Z'), end: at('2025-09-07T04:30:00Z') },
    ]);
  });

  it('gives a Santiago Saturday 25 hours when 23:00-24:00 repeats (5 April 2025)', () => {
    const calendar: BusinessCalendar = { timeZone: 'America/Santiago', weeklyHours: { saturday: [{ start: '00:00', end: '24:00' }] } };
    expect(hoursOnLocalDay(calendar, '2025-04-05T00:00:00-03:00', '2025-04-06T00:00:00-04:00')).toBe(25);
  });

  it('gives no working time to 30 December 2011 in Samoa, a day that never happened', () => {
    const calendar: BusinessCalendar = { timeZone: 'Pacific/Apia', weeklyHours: { thursday: [{ start: '09:00', end: '17:00' }], friday: [{ start: '09:00', end: '17:00' }] } };
    expect(hoursOnLocalDay(calendar, '2011-12-29T00:00:00-10:00', '2012-01-02T00:00:00+14:00')).toBe(8);
    // 17:00 on Thursday 29th is followed, after the lost Friday, by the next Thursday.
    expect(iso(addBusinessTime(calendar, at('2011-12-29T16:00:00-10:00'), 2 * HOUR))).toBe(iso(at('2012-01-05T10:00:00+14:00')));
  });

  it('handles the 30-minute daylight saving of Lord Howe Island', () => {
    const calendar = everyDay('Australia/Lord_Howe', { start: '00:00', end: '06:00' });
    // 6 April 2025: 02:00 +11 -> 01:30 +10:30, so the shift is 30 minutes longer.
    expect(businessTimeBetween(calendar, at('2025-04-06T00:00:00+11:00'), at('2025-04-06T06:00:00+10:30'))).toBe(6 * HOUR + 30 * MINUTE);
  });
});
