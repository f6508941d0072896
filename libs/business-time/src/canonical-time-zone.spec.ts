import { compileCalendar } from './calendar-timeline';
import { businessTimeBetween } from './business-time';
import { canonicalTimeZone, validateCalendar } from './calendar.validator';
import { londonOffice } from './test-support/example-calendars';

describe('time zone names written in the wrong case', () => {
  it('are accepted and the validated calendar carries the canonical IANA name', () => {
    const typed = { ...londonOffice, timeZone: 'europe/london' };
    const result = validateCalendar(typed);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.calendar.timeZone).toBe('Europe/London');
    // The input itself is left as it was: the caller stores the validated calendar.
    expect(typed.timeZone).toBe('europe/london');
  });

  it('name every spelling of a zone the same way', () => {
    expect(['EUROPE/LONDON', 'Europe/London', 'europe/LONDON'].map(canonicalTimeZone)).toEqual(['Europe/London', 'Europe/London', 'Europe/London']);
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
  });

  it('keep a correctly spelt calendar as the very same object', () => {
    const result = validateCalendar(londonOffice);
    expect(result.valid && result.calendar).toBe(londonOffice);
  });

  it('compute the same business time as the canonical spelling', () => {
    const from = Date.UTC(2025, 2, 28, 12);
    const to = Date.UTC(2025, 3, 2, 12);
    expect(businessTimeBetween(compileCalendar({ ...londonOffice, timeZone: 'europe/london' }), from, to)).toBe(businessTimeBetween(londonOffice, from, to));
  });
});
