import { ApprovalRefusedError } from '../change.errors';
import { approvalStatus, checkDecision, validateApprovalRule, type ApprovalContext, type ApprovalDecision, type ApprovalRule } from './approval-rule';

const rule: ApprovalRule = {
  id: 'change-authority',
  version: 2,
  levels: {
    low: [{ group: 'change-managers', quorum: 1 }],
    medium: [{ group: 'cab', quorum: 2 }],
    high: [{ group: 'cab', quorum: 3 }, { serviceOwner: true }],
  },
};
const groups: Record<string, string[]> = { 'change-managers': ['cm-ann'], cab: ['cab-1', 'cab-2', 'cab-3', 'cab-4', 'owner-olu'] };
const ctx = (level: ApprovalContext['level']): ApprovalContext => ({
  level,
  changeOwner: 'dev-dan',
  implementer: 'ops-ivy',
  serviceOwner: 'owner-olu',
  members: (g) => groups[g] ?? [],
});

/** Folds decisions through the check, as the change's decider does. */
function decideAll(level: ApprovalContext['level'], votes: [string, 'approve' | 'reject', string?][]): ApprovalDecision[] {
  const decisions: ApprovalDecision[] = [];
  for (const [approver, decision, reason] of votes) decisions.push(checkDecision(rule, ctx(level), decisions, { approver, decision, reason: reason ?? '' }));
  return decisions;
}

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApprovalRefusedError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('Change approval under a rule with quorum', () => {
  it('a valid rule has no findings; a level without requirements or a zero quorum is a finding', () => {
    expect(validateApprovalRule(rule)).toEqual([]);
    const bad = { id: 'r', version: 1, levels: { low: [], medium: [{ group: 'cab', quorum: 0 }], high: [{ serviceOwner: true }] } } as unknown as ApprovalRule;
    expect(validateApprovalRule(bad).map((f) => `${f.path} ${f.code}`)).toEqual(['$.levels.low REQUIRED', '$.levels.medium[0].quorum BAD_QUORUM']);
  });

  it('a medium-risk change stays pending with one CAB approval and is approved at the quorum of two', () => {
    expect(approvalStatus(rule, ctx('medium'), decideAll('medium', [['cab-1', 'approve']])).status).toBe('pending');
    const status = approvalStatus(rule, ctx('medium'), decideAll('medium', [['cab-1', 'approve'], ['cab-2', 'approve']]));
    expect(status).toMatchObject({ status: 'approved', rule: { id: 'change-authority', version: 2 }, level: 'medium' });
  });

  it('any one rejection rejects, whatever the approvals', () => {
    const decisions = decideAll('medium', [['cab-1', 'approve'], ['cab-2', 'reject', 'No backout tested'], ['cab-3', 'approve']]);
    expect(approvalStatus(rule, ctx('medium'), decisions).status).toBe('rejected');
  });

  it('a high-risk change needs three of the CAB and the service owner', () => {
    const three = decideAll('high', [['cab-1', 'approve'], ['cab-2', 'approve'], ['cab-3', 'approve']]);
    expect(approvalStatus(rule, ctx('high'), three).status).toBe('pending');
    const withOwner = decideAll('high', [['cab-1', 'approve'], ['cab-2', 'approve'], ['owner-olu', 'approve']]);
    // The service owner sits on the CAB too: their vote counts for both requirements.
    expect(approvalStatus(rule, ctx('high'), withOwner).status).toBe('approved');
  });

  it('a low-risk change is authorised by the change manager alone; a CAB member is not an approver of it', () => {
    expect(approvalStatus(rule, ctx('low'), decideAll('low', [['cm-ann', 'approve']])).status).toBe('approved');
    expect(refusal(() => decideAll('low', [['cab-1', 'approve']]))).toBe('CHANGE.NOT_AN_APPROVER');
  });

  it('refuses a second decision by the same approver', () =>
    expect(refusal(() => decideAll('medium', [['cab-1', 'approve'], ['cab-1', 'approve']]))).toBe('CHANGE.ALREADY_DECIDED'));

  it('refuses a decision by the change owner or the implementer, even when they sit on the CAB', () => {
    groups.cab.push('dev-dan', 'ops-ivy');
    try {
      expect(refusal(() => decideAll('medium', [['dev-dan', 'approve']]))).toBe('CHANGE.APPROVER_CONFLICT');
      expect(refusal(() => decideAll('medium', [['ops-ivy', 'approve']]))).toBe('CHANGE.APPROVER_CONFLICT');
    } finally {
      groups.cab.splice(-2);
    }
  });

  it('refuses someone outside every approving group, and a rejection without a reason', () => {
    expect(refusal(() => decideAll('medium', [['mallory', 'approve']]))).toBe('CHANGE.NOT_AN_APPROVER');
    expect(refusal(() => decideAll('medium', [['cab-1', 'reject', '  ']]))).toBe('CHANGE.REASON_REQUIRED');
  });

  it('counts a vote by the membership recorded with it, so a later membership change rewrites nothing', () => {
    const decisions = decideAll('medium', [['cab-1', 'approve'], ['cab-2', 'approve']]);
    groups.cab = groups.cab.filter((m) => m !== 'cab-2');
    try {
      expect(approvalStatus(rule, ctx('medium'), decisions).status).toBe('approved');
    } finally {
      groups.cab.splice(1, 0, 'cab-2');
    }
  });
});
