import { validatePolicy } from './validate-policy';
import { validateCalendarDocument } from './calendar-document';
import { londonOffice, standardPolicy } from '../test-support/sla-fixtures';

const context = { calendars: ['london-office'] };
const pathsOf = (input: unknown) => validatePolicy(input, context).findings.map((f) => [f.path, f.code]);

describe('SLA policy validation: findings by JSON path', () => {
  it('accepts a policy with targets per priority, warnings and escalation steps', () => {
    expect(validatePolicy(standardPolicy(), context)).toEqual({ valid: true, policy: standardPolicy(), findings: [] });
    expect(validatePolicy(standardPolicy({ service: 'email', onPriorityChange: 'keep', warnings: [] }), context).valid).toBe(true);
  });

  it('refuses a calendar nobody has published', () =>
    expect(pathsOf(standardPolicy({ calendar: 'paris-office' }))).toEqual([['$.calendar', 'UNKNOWN_CALENDAR']]));

  it('refuses zero, negative and fractional targets, at the field', () =>
    expect(pathsOf(standardPolicy({ targets: { '1': { responseMinutes: 0, resolutionMinutes: -30 }, '2': { resolutionMinutes: 1.5 } } }))).toEqual([
      ['$.targets["1"].responseMinutes', 'INVALID_TARGET'],
      ['$.targets["1"].resolutionMinutes', 'INVALID_TARGET'],
      ['$.targets["2"].resolutionMinutes', 'INVALID_TARGET'],
    ]));

  it('refuses a priority that does not exist and a response due after the resolution', () =>
    expect(pathsOf(standardPolicy({ targets: { '9': { resolutionMinutes: 60 }, '2': { responseMinutes: 120, resolutionMinutes: 60 } } }))).toEqual([
      ['$.targets["2"].responseMinutes', 'INVALID_TARGET'],
      ['$.targets["9"]', 'SCHEMA'],
    ]));

  it('refuses thresholds of 100% or more, of 0% or less, and out of order', () =>
    expect(pathsOf(standardPolicy({ warnings: [{ percent: 75, actions: [] }, { percent: 50, actions: [] }, { percent: 120, actions: [] }, { percent: 0, actions: [] }] }))).toEqual([
      ['$.warnings[1].percent', 'INVALID_THRESHOLD'],
      ['$.warnings[2].percent', 'INVALID_THRESHOLD'],
      ['$.warnings[3].percent', 'INVALID_THRESHOLD'],
    ]));

  it('refuses escalation steps it does not know or that lack what they need', () =>
    expect(pathsOf(standardPolicy({ breach: { actions: [{ type: 'page' }, { type: 'notify', recipients: [] }, { type: 'raisePriority', levels: 0 }, { type: 'reassign' }] as never } }))).toEqual([
      ['$.breach.actions[0].type', 'INVALID_ACTION'],
      ['$.breach.actions[1].recipients', 'INVALID_ACTION'],
      ['$.breach.actions[2].levels', 'INVALID_ACTION'],
      ['$.breach.actions[3].group', 'INVALID_ACTION'],
    ]));

  it('reports every missing part of an empty object, and never throws on garbage', () => {
    expect(pathsOf({}).map(([p]) => p)).toEqual(['$.process', '$.calendar', '$.targets', '$.warnings', '$.breach']);
    for (const garbage of [null, 1, 'x', [], { targets: [] }, { warnings: {}, breach: [] }]) expect(validatePolicy(garbage, context).valid).toBe(false);
  });
});

describe('SLA calendar documents', () => {
  it('refuse an unknown time zone and overlapping working hours, at the field', () => {
    const bad = { ...londonOffice, timeZone: 'Mars/Olympus', weeklyHours: { monday: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] } };
    expect(validateCalendarDocument(bad).findings.map((f) => f.path)).toEqual(['$.timeZone', '$.weeklyHours.monday[1].start']);
  });

  it('are stored with the canonical zone name', () => {
    const r = validateCalendarDocument({ ...londonOffice, timeZone: 'europe/london' });
    expect(r.valid && r.calendar.timeZone).toBe('Europe/London');
  });
});
