import type { JsonValue } from '@itil/event-store';
import { PolicyRefusedError, TicketInputInvalidError, type InputError, type Policy, type PolicyInput, type PolicyRegistry, type ReferenceQuery, type Ticket } from '@itil/tickets';
import { ApprovalRefusedError, ChangeError, InvalidWindowError, RiskAnswersInvalidError } from '../change.errors';
import { assessRisk, type RiskLevel } from '../risk/risk-questionnaire';
import { collisionsOf, HOLDS_WINDOW } from '../schedule/collisions';
import { checkFreeze, type ChangeType } from '../schedule/freeze-windows';
import { parseWindow } from '../schedule/planned-window';
import { fieldsFromTemplate, templateActor } from '../templates/standard-change-template';
import { asJson, asPlan, planOf, recordVote, standingWith } from './approval-plan';
import { addTask, completeTask, tasksOf } from './change-tasks';
import type { ChangeDataCatalog } from './change-data';
import { POLICY_KEPT_FIELDS } from './change.fields';
import { TEMPLATE_REVIEW_OUTCOMES } from './template-review';
import type { ChangeSchedule } from './change-schedule';

const TYPE_OF_LIFECYCLE: Record<string, ChangeType> = { 'change-normal': 'normal', 'change-standard': 'standard', 'change-emergency': 'emergency' };
/** The approval rule each kind of review convenes (ids of published rules). */
export const RULE_OF_REVIEW: Record<string, string> = { cabReview: 'default', ecabReview: 'emergency' };

const typeOf = (input: PolicyInput): ChangeType =>
  (input.after.changeType as ChangeType | undefined) ?? TYPE_OF_LIFECYCLE[input.command.type === 'OpenTicket' ? (input.command.data.lifecycle ?? 'change-normal') : (input.before.lifecycle?.id ?? 'change-normal')] ?? 'normal';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const refuse = (policy: string, error: ChangeError, errors: InputError[]): never => {
  throw new PolicyRefusedError(policy, error.message, errors);
};
/** A finding at a JSON path; change codes (CHANGE.*, MISSING_ANSWER, ...) extend the engine's. */
const at = (path: string, code: string, message: string): InputError => ({ path, code, message }) as unknown as InputError;
const isActor = (actor: string, user: string): boolean => actor === user || actor === `user:${user}`;

/** The change type follows the lifecycle it runs on. */
export const changeKind: Policy = {
  derive: (input) => (input.command.type === 'OpenTicket' ? { changeType: typeOf(input) } : undefined),
};

/** A planned window is two instants, the end after the start (400 at the field otherwise, nothing written). */
export const plannedWindow: Policy = {
  check: ({ setting, after }) => {
    if (!('plannedStart' in setting) && !('plannedEnd' in setting)) return;
    if (after.plannedStart == null || after.plannedEnd == null) return;
    try {
      parseWindow({ start: String(after.plannedStart), end: String(after.plannedEnd) });
    } catch (error) {
      if (!(error instanceof InvalidWindowError)) throw error;
      throw new TicketInputInvalidError('change', [at('$.plannedEnd', 'WINDOW_ENDS_BEFORE_START', error.message)]);
    }
  },
};

/** A change belongs to one release at a time: a second release is refused until the first lets it go. */
export const oneRelease: Policy = {
  check: ({ setting, before }) => {
    const current = before.fields.release;
    if (!('release' in setting) || current == null || setting.release === null || setting.release === current) return;
    throw new PolicyRefusedError('oneRelease', `The change already belongs to release ${String(current)}`, [at('$.release', 'ALREADY_IN_A_RELEASE', `belongs to ${String(current)}`)]);
  },
};

/** Fields cross-process policies keep (collisions, incidents caused) are not for people to edit. */
export const policyKeptFields: Policy = {
  check: ({ command }) => {
    if (command.type !== 'UpdateTicketFields' || command.metadata.actor.startsWith('policy:')) return;
    const kept = Object.keys(command.data.input).filter((k) => POLICY_KEPT_FIELDS.includes(k));
    if (kept.length > 0) {
      throw new PolicyRefusedError('policyKeptFields', `${kept.join(', ')} are kept by the change policies`, kept.map((k) => (at(`$.${k}`, 'NOT_SETTABLE', 'kept by a policy'))));
    }
  },
};

/**
 * Change tasks (version 3): ADD_TASK appends a task numbered t1, t2, ...; COMPLETE_TASK marks one
 * done with who and when. Only what this command sends counts: the title or task id an earlier
 * command left on the change is not reused.
 */
export const changeTasks: Policy = {
  derive: ({ via, setting, before, command }) => {
    const by = command.metadata.actor;
    const at_ = command.metadata.now;
    if (via === 'ADD_TASK') {
      const title = str(setting.taskTitle);
      if (title === null) throw new TicketInputInvalidError('change', [at('$.title', 'REQUIRED', 'name the task')]);
      return asJson({ tasks: addTask(tasksOf(before.fields.tasks), { title, assignee: str(setting.taskAssignee), by, at: at_ }) }) as Record<string, never>;
    }
    if (via === 'COMPLETE_TASK') {
      const id = str(setting.taskId);
      if (id === null) throw new TicketInputInvalidError('change', [at('$.taskId', 'REQUIRED', 'name the task')]);
      const done = completeTask(tasksOf(before.fields.tasks), { id, notes: str(setting.taskNotes), by, at: at_ });
      if (typeof done === 'string') {
        throw new PolicyRefusedError('changeTasks', done === 'UNKNOWN_TASK' ? `The change has no task '${id}'` : `Task ${id} is already done`, [at('$.taskId', done, done === 'UNKNOWN_TASK' ? 'no such task' : 'already done')]);
      }
      return asJson({ tasks: done }) as Record<string, never>;
    }
    return undefined;
  },
};

/**
 * A standard change that fails, is backed out or whose backout fails requests a review of the
 * template version it was raised from: `templateReviewRequested` on that fact is what the
 * template store reacts to (it puts the template under review, so no new change is raised from
 * it until it is published again).
 */
export const templateReview: Policy = {
  derive: ({ setting, after, command }) => {
    const outcome = str(setting.outcome);
    const template = after.template as { id?: unknown; version?: unknown } | undefined;
    if (!outcome || !(outcome in TEMPLATE_REVIEW_OUTCOMES) || !template || typeof template.id !== 'string' || typeof template.version !== 'number') return undefined;
    return asJson({
      templateReviewRequested: { template: { id: template.id, version: template.version }, outcome, reason: str(after[TEMPLATE_REVIEW_OUTCOMES[outcome]]), requestedAt: command.metadata.now.toISOString() },
    }) as Record<string, never>;
  },
};

export function changePolicies(data: ChangeDataCatalog, schedule: ChangeSchedule): PolicyRegistry {
  const ruleGroups = (): ReferenceQuery[] => {
    const groups = new Set<string>();
    for (const id of Object.values(RULE_OF_REVIEW)) {
      for (const reqs of Object.values(data.latest('approval-rule', id)?.levels ?? {})) for (const r of reqs) if ('group' in r) groups.add(r.group);
    }
    return [...groups].map((id) => ({ kind: 'group' as const, id }));
  };

  /** Standard changes: raised from a published template (not one under review), which authorises them as `template:<id>@<version>`. */
  const standardTemplate: Policy = {
    derive: (input) => {
      if (input.command.type !== 'OpenTicket' || typeOf(input) !== 'standard') return undefined;
      const id = str(input.setting.templateId);
      const template = id ? data.latest('template', id) : undefined;
      if (!template) {
        throw new PolicyRefusedError('standardTemplate', `No published standard change template '${id ?? ''}'`, [at('$.templateId', 'UNKNOWN_REFERENCE', `no template '${id ?? ''}'`)]);
      }
      if (template.underReview) throw new PolicyRefusedError('standardTemplate', `Template ${id} v${template.version} is under review`, [at('$.templateId', 'UNDER_REVIEW', 'under review')]);
      const base = fieldsFromTemplate(template);
      const fromTemplate: Record<string, unknown> = { ...base, template: { id: template.id, version: template.version } };
      delete fromTemplate.riskLevel;
      if (base.service === null) delete fromTemplate.service;
      for (const key of Object.keys(fromTemplate)) if (key in input.setting) delete fromTemplate[key];
      return { ...(asJson(fromTemplate) as Record<string, never>), riskLevel: 'low' };
    },
    check: ({ via, before, command, after }) => {
      if (via === 'AUTHORISE_BY_TEMPLATE') {
        const t = before.fields.template as { id: string; version: number } | undefined;
        if (!t || command.metadata.actor !== templateActor(t)) {
          throw new PolicyRefusedError('standardTemplate', `Only the template (${t ? templateActor(t) : 'none'}) authorises a standard change`, [at('$', 'NOT_THE_TEMPLATE', `actor is ${command.metadata.actor}`)]);
        }
        const template = data.version('template', t.id, t.version);
        if (template && after.plannedStart && after.plannedEnd) {
          const w = parseWindow({ start: String(after.plannedStart), end: String(after.plannedEnd) });
          if ((w.end - w.start) / 60_000 > template.maxDurationMinutes) {
            throw new PolicyRefusedError('standardTemplate', `The window is longer than the template allows (${template.maxDurationMinutes} minutes)`, [at('$.plannedEnd', 'WINDOW_TOO_LONG', 'longer than the template allows')]);
          }
        }
      }
    },
  };

  /** Risk from the versioned questionnaire: the answers, the questionnaire version, the score and the level are recorded on the change. */
  const assessedRisk: Policy = {
    derive: (input) => {
      if (!('riskAnswers' in input.setting)) return undefined;
      const q = data.latest('questionnaire', 'default');
      if (!q) throw new PolicyRefusedError('assessedRisk', 'No risk questionnaire is published', []);
      const answers = input.setting.riskAnswers as Record<string, unknown>;
      const invalid = Object.entries(answers).filter(([, v]) => typeof v !== 'string');
      if (invalid.length > 0) throw new TicketInputInvalidError('change', invalid.map(([k]) => (at(`$.riskAnswers.${k}`, 'WRONG_TYPE', 'must be one of the question’s option values'))));
      try {
        const a = assessRisk(q, answers as Record<string, string>);
        return { risk: { questionnaire: a.questionnaire, score: a.score, level: a.level }, riskLevel: a.level };
      } catch (error) {
        if (!(error instanceof RiskAnswersInvalidError)) throw error;
        return refuse('assessedRisk', error, error.findings.map((f) => at(f.path.replace('$.answers', '$.riskAnswers'), f.code, f.message)));
      }
    },
  };

  /**
   * The change authority. Entering a review convenes the approval rule's latest version for the
   * risk level (recorded as approvalPlan); each vote is checked by the rule and recorded with the
   * groups it counts for; the lifecycle sends the vote that meets the rule to `scheduled`, and that
   * fact records which rule version was met.
   */
  const changeAuthority: Policy = {
    references: (ticket: Ticket) => [...ruleGroups(), ...(typeof ticket.fields.service === 'string' ? [{ kind: 'service' as const, id: ticket.fields.service }] : [])],
    derive: (input) => {
      const { to, via, before, setting, after, references, command } = input;
      const ruleId = RULE_OF_REVIEW[to];
      if (ruleId && !(before.state === to)) {
        const rule = data.latest('approval-rule', ruleId);
        if (!rule) throw new PolicyRefusedError('changeAuthority', `No approval rule '${ruleId}' is published`, []);
        const level = ((after.riskLevel as RiskLevel | undefined) ?? 'high') as RiskLevel;
        const service = typeof after.service === 'string' ? references.service[after.service] : undefined;
        const plan = planOf(rule, level, service?.owner ?? null, (g) => references.group[g]?.members ?? []);
        // Back for authorisation (version 3: rescheduled outside its window): the earlier one no longer stands.
        return { approvalPlan: asJson(plan), approvals: [], ...(before.fields.authorisation ? { authorisation: null } : {}) };
      }
      if (via === 'REQUEST_REWORK') return reworkRequested(input);
      if (via !== 'APPROVE' && via !== 'REJECT') return undefined;
      const plan = asPlan(before.fields.approvalPlan);
      if (!plan) throw new PolicyRefusedError('changeAuthority', 'The change has no approval plan (it was not assessed)', []);
      const approver = str(setting.decisionBy) ?? '';
      if (!isActor(command.metadata.actor, approver)) {
        throw new PolicyRefusedError('changeAuthority', `Approvers decide for themselves: ${command.metadata.actor} cannot decide as ${approver}`, [at('$.approver', 'NOT_THE_ACTOR', 'must be who sends the command')]);
      }
      // Retrospective votes (emergency version 3, in review) come after the authority may have decided already.
      if (before.fields.authorisation || standingWith(plan, before.fields).status === 'rejected') {
        throw new PolicyRefusedError('changeAuthority', 'The change authority has already decided on this change', [at('$.approver', 'CHANGE.AUTHORITY_DECIDED', 'already authorised or rejected')]);
      }
      try {
        const vote = recordVote(plan, before.fields, { approver, decision: via === 'APPROVE' ? 'approve' : 'reject', reason: str(setting.decisionReason) ?? '' });
        const votes = [...((before.fields.approvals as unknown[]) ?? []), vote];
        const standing = standingWith(plan, before.fields, vote);
        const out: Record<string, unknown> = { approvals: votes };
        if (standing.status === 'approved') {
          // The window it is authorised for (a later move outside it needs authorising again); retrospective when the change was already implemented.
          const window = { start: after.plannedStart ?? null, end: after.plannedEnd ?? null };
          out.authorisation = { rule: plan.rule, level: plan.level, by: 'approvers', authorisedAt: command.metadata.now.toISOString(), requirements: standing.requirements, window, retrospective: to !== 'scheduled' };
        }
        if (via === 'REJECT') out.rejectionReason = vote.reason;
        return asJson(out) as Record<string, never>;
      } catch (error) {
        if (!(error instanceof ApprovalRefusedError)) throw error;
        return refuse('changeAuthority', error, [at('$.approver', error.code, error.message)]);
      }
    },
  };

  /**
   * An approver sends the change back to its owner for rework instead of rejecting it (version 3):
   * the same checks as a rejection (an approver of this change, deciding for themselves, with a
   * reason). No vote is counted: resubmitted, the change is assessed and the rule convened anew.
   */
  function reworkRequested({ before, setting, command }: PolicyInput): Record<string, JsonValue> {
    const plan = asPlan(before.fields.approvalPlan);
    if (!plan) throw new PolicyRefusedError('changeAuthority', 'The change has no approval plan (it was not assessed)', []);
    const approver = str(setting.decisionBy) ?? '';
    if (!isActor(command.metadata.actor, approver)) {
      throw new PolicyRefusedError('changeAuthority', `Approvers decide for themselves: ${command.metadata.actor} cannot decide as ${approver}`, [at('$.approver', 'NOT_THE_ACTOR', 'must be who sends the command')]);
    }
    try {
      const vote = recordVote(plan, before.fields, { approver, decision: 'reject', reason: str(setting.decisionReason) ?? '' });
      return { reworkReason: vote.reason };
    } catch (error) {
      if (!(error instanceof ApprovalRefusedError)) throw error;
      return refuse('changeAuthority', error, [at('$.approver', error.code, error.message)]);
    }
  }

  /** Freeze windows: a normal or standard change is not planned into one; an emergency change proceeds with a recorded justification. */
  const freezeWindows: Policy = {
    derive: (input) => {
      const { setting, after, to, via } = input;
      const planning = 'plannedStart' in setting || 'plannedEnd' in setting || to === 'scheduled' || via === 'SUBMIT';
      if (!planning || after.plannedStart == null || after.plannedEnd == null) return undefined;
      const calendar = data.latest('freeze-calendar', 'default');
      if (!calendar) return undefined;
      const window = { start: String(after.plannedStart), end: String(after.plannedEnd) };
      try {
        const overridden = checkFreeze(calendar, window, str(after.service), typeOf(input), str(after.freezeJustification) ?? str(after.justification));
        if (overridden.length === 0) return input.before.fields.freezeOverride ? { freezeOverride: null } : undefined;
        return asJson({ freezeOverride: { calendar: { id: calendar.id, version: calendar.version }, windows: overridden.map((w) => w.id), justification: after.freezeJustification ?? after.justification } }) as Record<string, never>;
      } catch (error) {
        if (error instanceof InvalidWindowError) return undefined; // plannedWindow reports it at the field
        if (!(error instanceof ChangeError)) throw error;
        return refuse('freezeWindows', error, [at('$.plannedStart', error.code, error.message)]);
      }
    },
  };

  /** Collisions on shared configuration items while a change holds its window; cleared when it leaves one. */
  const collisions: Policy = {
    derive: ({ to, after, before, command }) => {
      // The change-collisions policy records the other side of a collision: its value stands.
      if (command.type === 'UpdateTicketFields') return undefined;
      const cis = Array.isArray(after.configurationItems) ? (after.configurationItems as string[]) : [];
      const had = Array.isArray(before.fields.collisions) ? before.fields.collisions : [];
      if (!HOLDS_WINDOW.includes(to) || cis.length === 0 || after.plannedStart == null || after.plannedEnd == null) return had.length > 0 ? { collisions: [] } : undefined;
      let found;
      try {
        found = collisionsOf({ changeId: before.id, window: { start: String(after.plannedStart), end: String(after.plannedEnd) }, configurationItems: cis }, schedule.touching(cis));
      } catch (error) {
        if (error instanceof InvalidWindowError) return undefined;
        throw error;
      }
      return asJson({ collisions: found }) as Record<string, never>;
    },
  };

  // Applied in name order: the risk is assessed before the authority convenes the rule for its level.
  return { assessedRisk, changeAuthority, changeKind, changeTasks, collisions, freezeWindows, oneRelease, plannedWindow, policyKeptFields, standardTemplate, templateReview };
}
