import { PolicyRefusedError, settersOf, TicketInputInvalidError, type InputError, type Policy, type PolicyRegistry, type Ticket, type TicketRecord } from '@itil/tickets';

/** Change states that can hold an authorisation (the change was approved, by its board or its template). */
export const AUTHORISED_CHANGE_STATES = ['scheduled', 'implementing', 'backingOut', 'review', 'closed'];

/**
 * Authorised: in one of those states and holding the authority's decision. The state alone is
 * not enough: an emergency change may start implementing before its ECAB decides (version 3),
 * and a change rescheduled outside its window loses its authorisation. A standard change is
 * authorised by its template as it is scheduled, so its state says it.
 */
export function isAuthorisedChange(change: TicketRecord | undefined): boolean {
  if (!change || change.process !== 'change' || !AUTHORISED_CHANGE_STATES.includes(change.state)) return false;
  const fields = change.fields ?? {};
  return fields.changeType === 'standard' || (fields.authorisation != null && typeof fields.authorisation === 'object');
}
/** The transitions that start deploying. */
const DEPLOYING = ['DEPLOY'];

const changesOf = (t: Ticket): string[] => (Array.isArray(t.fields.changeIds) ? (t.fields.changeIds as string[]) : []);
const at = (path: string, code: string, message: string): InputError => ({ path, code, message }) as unknown as InputError;

/** A release cannot deploy while any of its changes is not authorised (or no longer exists as a change). */
export const changesAuthorised: Policy = {
  references: (ticket) => changesOf(ticket).map((id) => ({ kind: 'ticket' as const, id })),
  check: ({ via, after, references }) => {
    if (!via || !DEPLOYING.includes(via)) return;
    const ids = Array.isArray(after.changeIds) ? (after.changeIds as string[]) : [];
    const pending = ids.filter((id) => !isAuthorisedChange(references.ticket[id]));
    if (ids.length === 0 || pending.length > 0) {
      throw new PolicyRefusedError(
        'changesAuthorised',
        ids.length === 0 ? 'A release deploys at least one change' : `Changes not authorised yet: ${pending.join(', ')}`,
        (ids.length === 0 ? ['$.changeIds'] : pending.map((id) => `$.changeIds[${ids.indexOf(id)}]`)).map((path) => at(path, 'CHANGE_NOT_AUTHORISED', 'is not authorised')),
      );
    }
  },
};

const GO_DECISIONS = ['GO', 'NO_GO'];

/**
 * The go/no-go is an authorisation: the person named as deciding is the one who sends it (as an
 * approver decides for themselves), so the fact never records a decision someone else took.
 * Only what this command names counts, not the decider an earlier go left on the release.
 */
export const goDecision: Policy = {
  check: ({ via, setting, command, dictionary }) => {
    // Version 2's NO_GO names nobody: the rule holds where the version lets the event name the decider.
    if (!via || !GO_DECISIONS.includes(via) || !settersOf(dictionary.goDecisionBy).some((s) => s.by === via)) return;
    if (!('goDecisionBy' in setting)) throw new TicketInputInvalidError('release', [at('$.decidedBy', 'REQUIRED', 'name who decides')]);
    const by = String(setting.goDecisionBy);
    const actor = command.metadata.actor;
    if (actor !== by && actor !== `user:${by}`) {
      throw new PolicyRefusedError('goDecision', `The go/no-go is given by who decides: ${actor} cannot decide as ${by}`, [at('$.decidedBy', 'NOT_THE_ACTOR', 'must be who sends the command')]);
    }
  },
};

export const releasePolicies: PolicyRegistry = { changesAuthorised, goDecision };
