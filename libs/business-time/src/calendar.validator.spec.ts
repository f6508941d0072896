import fc from 'fast-check';
import { addBusinessTime, businessTimeBetween, isWorkingInstant, nextWorkingInstant } from './business-time';
import { InvalidCalendarError } from './business-time.errors';
import type { CalendarFinding } from './calendar.types';
import { calendar24x7 } from './calendar-presets';
import { assertValidCalendar, validateCalendar } from './calendar.validator';
import { elapsedBusinessTime } from './elapsed-with-pauses';
import { assertProperty } from './test-support/fast-check-settings';
import { londonOffice } from './test-support/example-calendars';

function findingsOf(input: unknown): readonly CalendarFinding[] {
  return validateCalendar(input).findings;
}

/** A valid calendar with one part replaced, to test one finding at a time. */
function withField(field: string, value: unknown): unknown {
  return { ...londonOffice, [field]: value };
}

function withMonday(...intervals: unknown[]): unknown {
  return withField('weeklyHours', { monday: intervals, tuesday: [{ start: '09:00', end: '17:00' }] });
}

describe('a valid calendar', () => {
  it('passes with weekly hours, split days, intervals ending at 24:00 and holidays with or without hours', () => {
    const calendar = {
      id: 'cal-uk',
      name: 'UK support',
      timeZone: 'Europe/London',
      weeklyHours: {
        monday: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }],
        friday: [{ start: '12:00', end: '13:00' }, { start: '13:00', end: '24:00' }],
        sunday: [],
      },
      holidays: [{ date: '2025-12-25', name: 'Christmas Day' }, { date: '2025-12-24', hours: [{ start: '09:00', end: '12:00' }] }, { date: '2025-12-31', hours: [] }],
    };
    expect(validateCalendar(calendar)).toEqual({ valid: true, calendar, findings: [] });
    expect(() => assertValidCalendar(calendar)).not.toThrow();
  });

  it('includes the round-the-clock calendar in any zone', () => {
    expect(validateCalendar(calendar24x7()).valid).toBe(true);
    expect(validateCalendar(calendar24x7('Asia/Kolkata')).valid).toBe(true);
  });

  it('survives a JSON round trip unchanged, so it can be stored in an event', () => {
    expect(validateCalendar(JSON.parse(JSON.stringify(londonOffice))).valid).toBe(true);
  });
});

describe('a calendar is rejected with one message per problem, at the path of the field', () => {
  it.each<[string, unknown, CalendarFinding[]]>([
    ['an unknown time zone', withField('timeZone', 'Mars/Olympus'), [{ path: '$.timeZone', message: '"Mars/Olympus" is not a known IANA time zone (e.g. "America/New_York")' }]],
    ['a time zone that is not a string', withField('timeZone', 1), [{ path: '$.timeZone', message: 'must be an IANA time zone name (a string), got number 1' }]],
    ['a missing time zone', { weeklyHours: londonOffice.weeklyHours }, [{ path: '$.timeZone', message: 'is required: an IANA time zone name such as "Europe/London" or "UTC"' }]],
    ['an end before the start', withMonday({ start: '17:00', end: '09:00' }), [{ path: '$.weeklyHours.monday[0].end', message: expect.stringContaining('09:00 is not after the start 17:00') }]],
    ['an empty interval', withMonday({ start: '09:00', end: '09:00' }), [{ path: '$.weeklyHours.monday[0].end', message: expect.stringContaining('09:00 is not after the start 09:00') }]],
    ['overlapping intervals', withMonday({ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }), [{ path: '$.weeklyHours.monday[1].start', message: '12:00 overlaps the previous interval 09:00-13:00' }]],
    ['unordered intervals', withMonday({ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }), [{ path: '$.weeklyHours.monday[1]', message: expect.stringContaining('list intervals in time order') }]],
    ['an hour that does not exist', withMonday({ start: '25:00', end: '26:00' }), [
      { path: '$.weeklyHours.monday[0].start', message: expect.stringContaining('"25:00" is not a time of day') },
      { path: '$.weeklyHours.monday[0].end', message: expect.stringContaining('"26:00" is not a time of day') },
    ]],
    ['a minute that does not exist', withMonday({ start: '09:60', end: '10:00' }), [{ path: '$.weeklyHours.monday[0].start', message: expect.stringContaining('"09:60" is not a time of day') }]],
    ['a time without its leading zero', withMonday({ start: '9:00', end: '17:00' }), [{ path: '$.weeklyHours.monday[0].start', message: expect.stringContaining('use HH:mm') }]],
    ['24:00 as a start', withMonday({ start: '24:00', end: '24:00' }), [{ path: '$.weeklyHours.monday[0].start', message: '24:00 may only end an interval, never start one' }]],
    ['a time given as a number', withMonday({ start: 900, end: '17:00' }), [{ path: '$.weeklyHours.monday[0].start', message: 'must be a time of day as an HH:mm string, got number 900' }]],
    ['a missing end', withMonday({ start: '09:00' }), [{ path: '$.weeklyHours.monday[0].end', message: 'is required: a time of day as HH:mm' }]],
    ['an interval that is not an object', withMonday('09:00-17:00'), [{ path: '$.weeklyHours.monday[0]', message: expect.stringContaining('an interval must be an object') }]],
    ['a weekday that is not a list', withField('weeklyHours', { monday: { start: '09:00', end: '17:00' } }), [{ path: '$.weeklyHours.monday', message: expect.stringContaining('must be a list') }]],
    ['a misspelt weekday', withField('weeklyHours', { monday: [{ start: '09:00', end: '17:00' }], tuesdy: [] }), [{ path: '$.weeklyHours.tuesdy', message: '"tuesdy" is not a weekday; use monday, tuesday, ... sunday' }]],
    ['a week without working time', withField('weeklyHours', { monday: [], sunday: [] }), [{ path: '$.weeklyHours', message: expect.stringContaining('has no working time on any weekday') }]],
    ['duplicate holidays', withField('holidays', [{ date: '2025-12-25' }, { date: '2025-12-26' }, { date: '2025-12-25', hours: [] }]), [{ path: '$.holidays[2].date', message: expect.stringContaining('2025-12-25 is a duplicate of $.holidays[0]') }]],
    ['a holiday on a date that does not exist', withField('holidays', [{ date: '2025-02-29' }]), [{ path: '$.holidays[0].date', message: '"2025-02-29" is not a real date in YYYY-MM-DD form' }]],
    ['a holiday date in another format', withField('holidays', [{ date: '25/12/2025' }]), [{ path: '$.holidays[0].date', message: '"25/12/2025" is not a real date in YYYY-MM-DD form' }]],
    ['a holiday without a date', withField('holidays', [{ name: 'Boxing Day' }]), [{ path: '$.holidays[0].date', message: 'is required: the local date of the holiday as YYYY-MM-DD' }]],
    ['bad hours on a holiday', withField('holidays', [{ date: '2025-12-24', hours: [{ start: '12:00', end: '09:00' }] }]), [{ path: '$.holidays[0].hours[0].end', message: expect.stringContaining('not after the start') }]],
    ['holidays that are not a list', withField('holidays', { date: '2025-12-25' }), [{ path: '$.holidays', message: expect.stringContaining('must be a list of holidays') }]],
    ['an unknown field', withField('timezone', 'Europe/Paris'), [{ path: '$.timezone', message: 'unknown field "timezone"; a calendar has only id, name, timeZone, weeklyHours, holidays' }]],
    ['an unknown field in an interval', withMonday({ start: '09:00', end: '17:00', kind: 'x' }), [{ path: '$.weeklyHours.monday[0].kind', message: expect.stringContaining('unknown field "kind"') }]],
    ['a name that is not a string', withField('name', ['x']), [{ path: '$.name', message: 'must be a string when present, got a list' }]],
  ])('rejects %s', (_what, input, expected) => {
    expect(findingsOf(input)).toEqual(expected);
  });

  it('reports every problem of a calendar at once', () => {
    const findings = findingsOf({
      timeZone: 'Nowhere/City',
      weeklyHours: { monday: [{ start: '9', end: '17:00' }, { start: '10:00', end: '08:00' }], funday: [] },
      holidays: [{ date: '2025-13-01' }, 'Christmas'],
    });
    expect(findings.map((f) => f.path)).toEqual([
      '$.timeZone',
      '$.weeklyHours.funday',
      '$.weeklyHours.monday[0].start',
      '$.weeklyHours.monday[1].end',
      '$.holidays[0].date',
      '$.holidays[1]',
    ]);
  });
});

describe('garbage instead of a calendar', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'Europe/London'],
    ['a list', [londonOffice]],
    ['an empty object', {}],
    ['a boolean', true],
  ])('is rejected, not crashed on: %s', (_what, input) => {
    const result = validateCalendar(input);
    expect(result.valid).toBe(false);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(() => businessTimeBetween(input as never, 0, 1)).toThrow(InvalidCalendarError);
  });

  it('names the missing fields of an empty object', () => {
    expect(findingsOf({}).map((f) => f.path)).toEqual(['$.timeZone', '$.weeklyHours']);
  });

  it('never makes the validator throw, and makes every function throw InvalidCalendarError, whatever the input', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ timeZone: fc.anything(), weeklyHours: fc.anything(), holidays: fc.anything() }, { requiredKeys: [] }),
      fc.record({
        timeZone: fc.constantFrom('UTC', 'Europe/London', 'bogus'),
        weeklyHours: fc.dictionary(fc.constantFrom('monday', 'sunday', 'x'), fc.array(fc.record({ start: fc.anything(), end: fc.string() }))),
      }),
    );
    assertProperty(
      fc.property(junk, (input) => {
        const result = validateCalendar(input);
        if (result.valid) return; // the odd generated value that is a real calendar
        expect(result.findings.every((f) => f.path.startsWith('$') && f.message.length > 0)).toBe(true);
        for (const call of [
          () => businessTimeBetween(input as never, 0, 1),
          () => addBusinessTime(input as never, 0, 1),
          () => isWorkingInstant(input as never, 0),
          () => nextWorkingInstant(input as never, 0),
          () => elapsedBusinessTime(input as never, 0, 1, []),
        ]) {
          expect(call).toThrow(InvalidCalendarError);
        }
      }),
      1000,
    );
  });
});
