import { emptySnapshot, type ReferenceSnapshot } from '@itil/tickets';
import { validateRule, type RuleContext } from './validate-rule';

const references: ReferenceSnapshot = {
  ...emptySnapshot(),
  group: { network: { id: 'network', name: 'Network', members: ['raj', 'ana'], active: true }, old: { id: 'old', name: 'Old', members: ['raj'], active: false } },
  service: { vpn: { id: 'vpn', name: 'VPN', stage: 'live', owner: null, supportGroup: 'network', slaPolicy: null } },
};
const context: RuleContext = { processes: ['incident', 'change'], references };
const office = { timeZone: 'Europe/London', weeklyHours: { monday: [{ start: '09:00', end: '17:00' }] } };
const codes = (input: unknown) => {
  const r = validateRule(input, context);
  return r.valid ? [] : r.findings.map((f) => `${f.path} ${f.code}`);
};

describe('Validating an automation rule document', () => {
  it('accepts an auto-assign rule and fills in order and enabled', () => {
    const r = validateRule({ id: 'vpn-network', kind: 'auto-assign', process: 'incident', when: { service: 'vpn' }, then: { assignmentGroup: 'network', assignee: 'raj' } }, context);
    expect(r).toMatchObject({ valid: true, rule: { order: 100, enabled: true } });
  });

  it('accepts an auto-close rule with its business calendar', () =>
    expect(validateRule({ id: 'close-3d', kind: 'auto-close', process: 'incident', then: { businessMinutes: 1440, calendar: office } }, context).valid).toBe(true));

  it('reports unknown fields at every level', () =>
    expect(codes({ id: 'x', kind: 'auto-assign', process: 'incident', colour: 'red', when: { priority: '1' }, then: { assignmentGroup: 'network', queue: 'q' } })).toEqual([
      '$.colour UNKNOWN_FIELD',
      '$.when.priority UNKNOWN_FIELD',
      '$.then.queue UNKNOWN_FIELD',
    ]));

  it('reports an unknown process, group and service, and an assignee outside the group', () => {
    expect(codes({ id: 'x', kind: 'auto-assign', process: 'incidents', when: { service: 'fax' }, then: { assignmentGroup: 'nobody' } })).toEqual([
      '$.process UNKNOWN_REFERENCE',
      '$.when.service UNKNOWN_REFERENCE',
      '$.then.assignmentGroup UNKNOWN_REFERENCE',
    ]);
    expect(codes({ id: 'x', kind: 'auto-assign', process: 'incident', then: { assignmentGroup: 'network', assignee: 'mei' } })).toEqual(['$.then.assignee NOT_A_MEMBER']);
    expect(codes({ id: 'x', kind: 'auto-assign', process: 'incident', then: { assignmentGroup: 'old' } })).toEqual(['$.then.assignmentGroup INACTIVE_REFERENCE']);
  });

  it('reports a bad kind, id, delay and calendar', () => {
    expect(codes({ id: 'Bad Id', kind: 'auto-escalate', process: 'incident', then: {} })).toEqual(['$.id WRONG_TYPE', '$.kind NOT_IN_ENUM']);
    expect(codes({ id: 'c', kind: 'auto-close', process: 'incident', then: { businessMinutes: 0, calendar: { timeZone: 'Mars/Olympus', weeklyHours: {} } } })).toEqual(
      expect.arrayContaining(['$.then.businessMinutes OUT_OF_RANGE', expect.stringMatching(/^\$\.then\.calendar\.timeZone INVALID_CALENDAR$/)]),
    );
  });

  it('keeps standard change approval to the change process', () =>
    expect(codes({ id: 's', kind: 'standard-change-approval', process: 'incident' })).toEqual(['$.process NOT_IN_ENUM']));
});
