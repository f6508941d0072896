import { fieldOf, isFilled, type GuardInput, type GuardRegistry } from '@itil/workflow';
import { has } from './common.guards';

interface Vote {
  approver?: unknown;
  decision?: unknown;
}

const votesOf = (input: GuardInput): Vote[] => {
  const votes = fieldOf(input, 'approvals');
  return Array.isArray(votes) ? (votes as Vote[]) : [];
};

/** CAB rule: at least `quorum` distinct approvers said approve (default 2) and nobody rejected. */
export const approvedByQuorum = (input: GuardInput, defaultQuorum: number): boolean => {
  const votes = votesOf(input);
  const quorum = Number(fieldOf(input, 'quorum') ?? defaultQuorum);
  const approvers = new Set(votes.filter((v) => v.decision === 'approve' && isFilled(v.approver)).map((v) => v.approver));
  return !votes.some((v) => v.decision === 'reject') && approvers.size >= quorum;
};

/** Guards of the change lifecycles (standard, normal, emergency). */
export const changeGuards: GuardRegistry = {
  /** Standard changes run from a pre-approved template: no CAB. */
  isPreApprovedTemplate: has('templateId'),
  /** A normal change goes to assessment with its implementation and backout plans. */
  hasChangePlan: has('implementationPlan', 'backoutPlan'),
  hasRiskAssessment: ({ event, context }) => ['low', 'medium', 'high'].includes(String(event.riskLevel ?? context.riskLevel)) && isFilled(event.impactAnalysis ?? context.impactAnalysis),
  hasCabQuorum: (input) => approvedByQuorum(input, 2),
  /** Emergency changes: a justification (the incident or threat) is mandatory. */
  hasEmergencyJustification: has('justification'),
  /** ECAB: a smaller board; one emergency approver suffices unless a quorum is set. */
  hasEcabApproval: (input) => approvedByQuorum(input, 1),
  /** No collision and no freeze window: the command carries the scheduler's check. */
  isScheduleClear: ({ event }) => Array.isArray(event.conflicts) && event.conflicts.length === 0,
};
