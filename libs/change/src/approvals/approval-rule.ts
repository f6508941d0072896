import { ApprovalRefusedError } from '../change.errors';
import { finding, isBlank, type DataFinding } from '../data-finding';
import { RISK_LEVELS, type RiskLevel } from '../risk/risk-questionnaire';

/**
 * Who must authorise a change, by risk level, as versioned data. A requirement is a quorum of a
 * group (`2 of cab`) or the owner of the affected service. All requirements of the level must be
 * met; any one rejection rejects. ITIL calls this the change authority.
 */
export type ApproverRequirement = { group: string; quorum: number } | { serviceOwner: true };

export interface ApprovalRule {
  id: string;
  version: number;
  levels: Record<RiskLevel, ApproverRequirement[]>;
}

export interface ApprovalDecision {
  approver: string;
  decision: 'approve' | 'reject';
  reason: string;
  /** The approving groups the approver belonged to when deciding (recorded, for the audit). */
  memberOf: string[];
}

/** What the decision is checked against: the change's people and the groups' members. */
export interface ApprovalContext {
  level: RiskLevel;
  changeOwner: string | null;
  implementer: string | null;
  serviceOwner: string | null;
  members: (group: string) => readonly string[];
}

export interface ApprovalStatus {
  status: 'pending' | 'approved' | 'rejected';
  rule: { id: string; version: number };
  level: RiskLevel;
  requirements: { requirement: ApproverRequirement; approvals: number; needed: number; met: boolean }[];
}

export function validateApprovalRule(rule: ApprovalRule): DataFinding[] {
  const out: DataFinding[] = [];
  if (isBlank(rule.id)) out.push(finding('$.id', 'REQUIRED', 'must be a non-empty id'));
  for (const level of RISK_LEVELS) {
    const requirements = rule.levels?.[level];
    if (!Array.isArray(requirements) || requirements.length === 0) {
      out.push(finding(`$.levels.${level}`, 'REQUIRED', 'every risk level needs at least one requirement: nothing would authorise such a change'));
      continue;
    }
    requirements.forEach((r, i) => {
      if ('group' in r) {
        if (isBlank(r.group)) out.push(finding(`$.levels.${level}[${i}].group`, 'REQUIRED', 'must name a group'));
        if (!Number.isInteger(r.quorum) || r.quorum < 1) out.push(finding(`$.levels.${level}[${i}].quorum`, 'BAD_QUORUM', 'must be a whole number >= 1'));
      } else if (!('serviceOwner' in r) || r.serviceOwner !== true) {
        out.push(finding(`$.levels.${level}[${i}]`, 'UNKNOWN_REQUIREMENT', 'must be { group, quorum } or { serviceOwner: true }'));
      }
    });
  }
  for (const key of Object.keys(rule.levels ?? {})) {
    if (!(RISK_LEVELS as readonly string[]).includes(key)) out.push(finding(`$.levels.${key}`, 'UNKNOWN_LEVEL', `must be one of ${RISK_LEVELS.join(', ')}`));
  }
  return out;
}

const qualifies = (requirement: ApproverRequirement, approver: string, ctx: ApprovalContext): boolean =>
  'group' in requirement ? ctx.members(requirement.group).includes(approver) : ctx.serviceOwner === approver;

/**
 * Refuses a decision the rule does not allow: twice by one approver, by the change's owner or
 * implementer (no one authorises their own work), by someone who qualifies for no requirement
 * of the change's level, or a rejection without a reason.
 */
export function checkDecision(rule: ApprovalRule, ctx: ApprovalContext, earlier: readonly ApprovalDecision[], decision: Omit<ApprovalDecision, 'memberOf'>): ApprovalDecision {
  if (earlier.some((d) => d.approver === decision.approver)) {
    throw new ApprovalRefusedError('CHANGE.ALREADY_DECIDED', `${decision.approver} has already decided on this change`);
  }
  if (decision.approver === ctx.changeOwner || decision.approver === ctx.implementer) {
    throw new ApprovalRefusedError('CHANGE.APPROVER_CONFLICT', `${decision.approver} owns or implements this change and cannot authorise it`);
  }
  const requirements = rule.levels[ctx.level];
  if (!requirements.some((r) => qualifies(r, decision.approver, ctx))) {
    throw new ApprovalRefusedError('CHANGE.NOT_AN_APPROVER', `${decision.approver} is in none of the approving groups of a ${ctx.level}-risk change under rule ${rule.id} v${rule.version}`);
  }
  if (decision.decision === 'reject' && isBlank(decision.reason)) {
    throw new ApprovalRefusedError('CHANGE.REASON_REQUIRED', 'a rejection needs a reason');
  }
  const memberOf = requirements.flatMap((r) => ('group' in r && ctx.members(r.group).includes(decision.approver) ? [r.group] : []));
  return { ...decision, memberOf };
}

/**
 * Where approval stands. A vote counts for every requirement its approver qualifies for (a
 * service owner who also sits on the CAB counts in both), by the group membership recorded
 * with the vote, so a later membership change never rewrites a decision already taken.
 */
export function approvalStatus(rule: ApprovalRule, ctx: Pick<ApprovalContext, 'level' | 'serviceOwner'>, decisions: readonly ApprovalDecision[]): ApprovalStatus {
  const approvals = decisions.filter((d) => d.decision === 'approve');
  const requirements = rule.levels[ctx.level].map((requirement) => {
    const count = approvals.filter((d) => ('group' in requirement ? d.memberOf.includes(requirement.group) : d.approver === ctx.serviceOwner)).length;
    const needed = 'group' in requirement ? requirement.quorum : 1;
    return { requirement, approvals: count, needed, met: count >= needed };
  });
  const status = decisions.some((d) => d.decision === 'reject') ? 'rejected' : requirements.every((r) => r.met) ? 'approved' : 'pending';
  return { status, rule: { id: rule.id, version: rule.version }, level: ctx.level, requirements };
}
