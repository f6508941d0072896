import { ALL_GUARDS } from '../all-guards';
import { PROCESSES, seed } from '../test-support/definitions';
import { guardNamesOf } from '@itil/workflow';
import { asMachineConfig } from '../definition/lifecycle-json';

const check = (name: string, event: Record<string, unknown>, context: Record<string, unknown> = {}) => ALL_GUARDS[name]({ event: { type: 'X', ...event }, context });

describe('The guard registry', () => {
  it('implements every guard the shipped lifecycles name', () => {
    const used = new Set(PROCESSES.flatMap((p) => guardNamesOf({ machineId: p, version: 1, contentHash: '', config: asMachineConfig(seed(p)) })));
    expect([...used].filter((name) => !ALL_GUARDS[name])).toEqual([]);
  });

  it('approves a normal change on a CAB quorum of two distinct approvers and no rejection', () => {
    expect(check('hasCabQuorum', { approvals: [{ approver: 'a', decision: 'approve' }] })).toBe(false);
    expect(check('hasCabQuorum', { approvals: [{ approver: 'a', decision: 'approve' }, { approver: 'a', decision: 'approve' }] })).toBe(false);
    expect(check('hasCabQuorum', { approvals: [{ approver: 'a', decision: 'approve' }, { approver: 'b', decision: 'approve' }] })).toBe(true);
    expect(check('hasCabQuorum', { approvals: [{ approver: 'a', decision: 'approve' }, { approver: 'b', decision: 'approve' }, { approver: 'c', decision: 'reject' }] })).toBe(false);
    expect(check('hasCabQuorum', { approvals: [{ approver: 'a', decision: 'approve' }, { approver: 'b', decision: 'approve' }] }, { quorum: 3 })).toBe(false);
  });

  it('lets one ECAB member authorise an emergency change', () => {
    expect(check('hasEcabApproval', { approvals: [{ approver: 'cio', decision: 'approve' }] })).toBe(true);
  });

  it('needs implementation and backout plans to submit a normal change, and a risk level to assess it', () => {
    expect(check('hasChangePlan', { implementationPlan: 'steps' })).toBe(false);
    expect(check('hasChangePlan', { implementationPlan: 'steps' }, { backoutPlan: 'undo' })).toBe(true);
    expect(check('hasRiskAssessment', { riskLevel: 'extreme', impactAnalysis: 'x' })).toBe(false);
    expect(check('hasRiskAssessment', { riskLevel: 'high', impactAnalysis: 'x' })).toBe(true);
  });

  it('checks planned and deployment windows', () => {
    expect(check('hasPlannedWindow', { plannedStart: '2026-05-01T20:00:00Z', plannedEnd: '2026-05-01T22:00:00Z' })).toBe(true);
    expect(check('hasPlannedWindow', { plannedStart: '2026-05-01T22:00:00Z', plannedEnd: '2026-05-01T20:00:00Z' })).toBe(false);
    const window = { deploymentWindowStart: '2026-05-01T20:00:00Z', deploymentWindowEnd: '2026-05-01T22:00:00Z' };
    expect(check('isWithinDeploymentWindow', { at: '2026-05-01T21:00:00Z' }, window)).toBe(true);
    expect(check('isWithinDeploymentWindow', { at: '2026-05-01T23:00:00Z' }, window)).toBe(false);
    expect(check('isScheduleClear', { conflicts: [] })).toBe(true);
    expect(check('isScheduleClear', { conflicts: ['CHG-7 on db-01'] })).toBe(false);
  });

  it('routes a service request by whether its catalog item needs approval, and fulfils it when all tasks are done', () => {
    expect(check('requiresApproval', {}, { approvalRequired: true })).toBe(true);
    expect(check('isPreApproved', {}, { approvalRequired: false })).toBe(true);
    expect(check('isPreApproved', {}, {})).toBe(false);
    expect(check('allTasksDone', { fulfilmentNotes: 'laptop delivered' }, { openTasks: 1 })).toBe(false);
    expect(check('allTasksDone', { fulfilmentNotes: 'laptop delivered', openTasks: 0 })).toBe(true);
  });

  it('needs an owner to investigate a problem, a root cause for a known error and an accepted risk to defer', () => {
    expect(check('hasProblemOwner', { problemOwner: 'pm:lee' })).toBe(true);
    expect(check('hasRootCause', { rootCause: ' ' })).toBe(false);
    expect(check('hasRiskAcceptance', { reason: 'cost' })).toBe(false);
    expect(check('hasRiskAcceptance', { reason: 'cost', acceptedBy: 'cio' })).toBe(true);
  });
});
