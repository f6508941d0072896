import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { changeGuards } from '@itil/change';
import { incidentGuards } from '@itil/incident';
import { SHIPPED_GUARD_NAMES, STATE_MACHINES_DIR } from '@itil/lifecycles/test-support/definitions';
import { problemGuards } from '@itil/problem';
import { releaseGuards } from '@itil/release';
import { serviceRequestGuards } from '@itil/service-request';
import { guardNamesOf, readMachineFiles, type GuardRegistry } from '@itil/workflow';
import { ALL_GUARDS } from './all-guards';

const check = (name: string, event: Record<string, unknown>, context: Record<string, unknown> = {}) => ALL_GUARDS[name]({ event: { type: 'X', ...event }, context });

/** Each lifecycle id and the registry of the process that runs it. */
const OWN: Record<string, GuardRegistry> = {
  incident: incidentGuards,
  problem: problemGuards,
  'change-standard': changeGuards,
  'change-normal': changeGuards,
  'change-emergency': changeGuards,
  release: releaseGuards,
  'service-request': serviceRequestGuards,
};

/** The guard names one lifecycle uses over its seed and every version under versions/. */
const namedBy = (id: string): string[] => {
  const versions = join(STATE_MACHINES_DIR, 'versions', id);
  const configs = [...readMachineFiles(STATE_MACHINES_DIR).filter((c) => c.id === id), ...readMachineFiles(versions)];
  return [...new Set(configs.flatMap((config) => guardNamesOf({ machineId: id, version: 1, contentHash: '', config })))];
};

describe('The guard registry', () => {
  it('implements every guard the shipped lifecycles name', () => {
    expect(SHIPPED_GUARD_NAMES.filter((name) => !ALL_GUARDS[name])).toEqual([]);
  });

  it.each(Object.keys(OWN))('%s: its own process registry implements every guard its versions name', (id) => {
    expect(readdirSync(STATE_MACHINES_DIR)).toContain(`${id}.json`);
    expect(namedBy(id).filter((name) => !OWN[id][name])).toEqual([]);
  });

  it('runs one function per shared name, whichever process registry it comes from', () => {
    for (const name of ['hasReason', 'hasCancellationReason', 'hasReviewNotes', 'isFailedOutcome']) {
      expect(new Set([changeGuards[name], releaseGuards[name], ALL_GUARDS[name]]).size).toBe(1);
    }
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
