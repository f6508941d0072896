import type { JsonValue } from '@itil/event-store';
import { approvalStatus, checkDecision, type ApprovalDecision, type ApprovalRule, type ApproverRequirement } from '../approvals/approval-rule';
import type { RiskLevel } from '../risk/risk-questionnaire';

/**
 * The change authority a change is assessed into, recorded on the change when it is assessed:
 * the rule version and its requirements for the change's risk level, the service owner, and the
 * members of each approving group as they stood then (the board as convened). Every vote is
 * checked and counted against this record alone, so the lifecycle's guard (which sees only the
 * ticket's fields and the vote) and the policy (which records the vote) always agree, and
 * replaying the log never depends on today's group membership.
 */
export interface ApprovalPlan {
  rule: { id: string; version: number };
  level: RiskLevel;
  requirements: ApproverRequirement[];
  serviceOwner: string | null;
  members: Record<string, string[]>;
}

export function planOf(rule: ApprovalRule, level: RiskLevel, serviceOwner: string | null, members: (group: string) => readonly string[]): ApprovalPlan {
  const requirements = rule.levels[level];
  const groups = requirements.flatMap((r) => ('group' in r ? [r.group] : []));
  return { rule: { id: rule.id, version: rule.version }, level, requirements, serviceOwner, members: Object.fromEntries(groups.map((g) => [g, [...members(g)].sort()])) };
}

const ruleOf = (plan: ApprovalPlan): ApprovalRule => ({ id: plan.rule.id, version: plan.rule.version, levels: { low: plan.requirements, medium: plan.requirements, high: plan.requirements } });

const decisionsOf = (value: unknown): ApprovalDecision[] => (Array.isArray(value) ? (value as ApprovalDecision[]) : []);

export const asPlan = (value: unknown): ApprovalPlan | null => (value && typeof value === 'object' && 'rule' in value ? (value as ApprovalPlan) : null);

/** A vote checked by the rule (not twice, not one's own change, only approvers, a reason to reject), with the groups it counts for. */
export function recordVote(plan: ApprovalPlan, fields: Record<string, unknown>, vote: Omit<ApprovalDecision, 'memberOf'>): ApprovalDecision {
  const ctx = {
    level: plan.level,
    changeOwner: (fields.changeOwner as string | null | undefined) ?? null,
    implementer: (fields.implementer as string | null | undefined) ?? null,
    serviceOwner: plan.serviceOwner,
    members: (group: string) => plan.members[group] ?? [],
  };
  return checkDecision(ruleOf(plan), ctx, decisionsOf(fields.approvals), vote);
}

/** Where approval stands with the votes given so far plus `vote` (if any). */
export function standingWith(plan: ApprovalPlan, fields: Record<string, unknown>, vote?: ApprovalDecision) {
  const decisions = [...decisionsOf(fields.approvals), ...(vote ? [vote] : [])];
  return approvalStatus(ruleOf(plan), { level: plan.level, serviceOwner: plan.serviceOwner }, decisions);
}

/**
 * Would this approval meet the rule? The guard that sends APPROVE to `scheduled` on exactly the
 * vote that completes the quorum (and keeps it in CAB review before). An invalid vote answers
 * false here; the policy then refuses it with the rule's reason.
 */
export function completesApproval(fields: Record<string, unknown>, approver: unknown, reason: unknown): boolean {
  const plan = asPlan(fields.approvalPlan);
  if (!plan || typeof approver !== 'string') return false;
  try {
    const vote = recordVote(plan, fields, { approver, decision: 'approve', reason: typeof reason === 'string' ? reason : '' });
    return standingWith(plan, fields, vote).status === 'approved';
  } catch {
    return false;
  }
}

export const asJson = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue;
