import { commonGuards } from '@itil/tickets';
import { fieldOf, hasFields, isFilled, mergeGuards, type GuardInput, type GuardRegistry } from '@itil/workflow';
import { completesApproval } from './approval-plan';
import { isOutsideWindow } from './authorised-window';
import { openTasks } from './change-tasks';

interface Vote {
  approver?: unknown;
  decision?: unknown;
}

const votesOf = (input: GuardInput): Vote[] => {
  const votes = fieldOf(input, 'approvals');
  return Array.isArray(votes) ? (votes as Vote[]) : [];
};

/** CAB rule: at least `quorum` distinct approvers said approve (default 2) and nobody rejected. */
const approvedByQuorum = (input: GuardInput, defaultQuorum: number): boolean => {
  const votes = votesOf(input);
  const quorum = Number(fieldOf(input, 'quorum') ?? defaultQuorum);
  const approvers = new Set(votes.filter((v) => v.decision === 'approve' && isFilled(v.approver)).map((v) => v.approver));
  return !votes.some((v) => v.decision === 'reject') && approvers.size >= quorum;
};

/** Every guard the change lifecycles (standard, normal, emergency, every version) may name. */
export const changeGuards: GuardRegistry = mergeGuards(commonGuards, {
  /** Standard changes run from a pre-approved template: no CAB. */
  isPreApprovedTemplate: hasFields('templateId'),
  /** A normal change goes to assessment with its implementation and backout plans. */
  hasChangePlan: hasFields('implementationPlan', 'backoutPlan'),
  hasRiskAssessment: ({ event, context }) => ['low', 'medium', 'high'].includes(String(event.riskLevel ?? context.riskLevel)) && isFilled(event.impactAnalysis ?? context.impactAnalysis),
  hasCabQuorum: (input) => approvedByQuorum(input, 2),
  /** Emergency changes: a justification (the incident or threat) is mandatory. */
  hasEmergencyJustification: hasFields('justification'),
  /** ECAB: a smaller board; one emergency approver suffices unless a quorum is set. */
  hasEcabApproval: (input) => approvedByQuorum(input, 1),
  /** No collision and no freeze window: the command carries the scheduler's check. */
  isScheduleClear: ({ event }) => Array.isArray(event.conflicts) && event.conflicts.length === 0,
  /** A planned window: start before end (ISO instants). */
  hasPlannedWindow: (input) => {
    const start = fieldOf(input, 'plannedStart');
    const end = fieldOf(input, 'plannedEnd');
    return typeof start === 'string' && typeof end === 'string' && Date.parse(start) < Date.parse(end);
  },
  hasImplementer: hasFields('implementer'),
  /*
   * Versions 2+. They see the ticket's fields (`context`) and the command as sent (`event`): the
   * approval plan recorded at assessment is enough to know whether a vote completes the rule, so
   * the lifecycle itself routes the completing vote to `scheduled`.
   */
  completesApprovalRule: ({ context, event }) => completesApproval(context, event.approver, event.reason),
  /** Version 3: RESCHEDULE outside the window the change was authorised for goes back for authorisation. */
  isOutsideAuthorisedWindow: ({ context, event }) => isOutsideWindow(context.authorisation, { start: event.plannedStart ?? context.plannedStart, end: event.plannedEnd ?? context.plannedEnd }),
  /** Version 3: implementation completes only when every change task is done. */
  hasNoOpenChangeTasks: ({ context }) => openTasks(context.tasks).length === 0,
  /** Version 3 (emergency): closes only once the change authority decided, before implementation or retrospectively. */
  hasAuthorityDecision: ({ context }) => isFilled(context.authorisation) || isFilled(context.rejectionReason),
});
