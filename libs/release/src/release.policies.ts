import { PolicyRefusedError, type InputError, type Policy, type PolicyRegistry, type Ticket } from '@itil/tickets';

/** Change states that hold an authorisation (the change was approved, by its board or its template). */
export const AUTHORISED_CHANGE_STATES = ['scheduled', 'implementing', 'backingOut', 'review', 'closed'];
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
    const pending = ids.filter((id) => !AUTHORISED_CHANGE_STATES.includes(references.ticket[id]?.state ?? 'unknown'));
    if (ids.length === 0 || pending.length > 0) {
      throw new PolicyRefusedError(
        'changesAuthorised',
        ids.length === 0 ? 'A release deploys at least one change' : `Changes not authorised yet: ${pending.join(', ')}`,
        (ids.length === 0 ? ['$.changeIds'] : pending.map((id) => `$.changeIds[${ids.indexOf(id)}]`)).map((path) => at(path, 'CHANGE_NOT_AUTHORISED', 'is not authorised')),
      );
    }
  },
};

export const releasePolicies: PolicyRegistry = { changesAuthorised };
