import { PolicyRefusedError, type Policy, type PolicyRegistry, type Ticket } from '@itil/tickets';

const DONE = ['resolved', 'closed', 'cancelled'];
/** How a problem points at incidents besides those it was raised from. */
export const INCIDENT_LINK = 'affects';

/** The incidents of a problem: those it was raised from and those linked to it since (not unlinked). */
export function incidentsOf(ticket: Ticket): string[] {
  const raisedFrom = Array.isArray(ticket.fields.incidentIds) ? (ticket.fields.incidentIds as string[]) : [];
  const linked = ticket.links.filter((l) => l.kind === INCIDENT_LINK && l.target.type === 'ticket' && l.target.process === 'incident').map((l) => l.target.id);
  return [...new Set([...raisedFrom, ...linked])];
}

/** The known error record is published the first time the problem reaches knownError: with a workaround or a root cause, whichever comes first. */
export const knownErrorRecord: Policy = {
  derive: ({ to, before, command }) => (to === 'knownError' && before.fields.knownErrorPublishedAt == null ? { knownErrorPublishedAt: command.metadata.now.toISOString() } : undefined),
};

/** Resolution through change management: the fixing change is linked (kind resolved-by-change) before the problem waits on it. */
export const resolutionThroughChange: Policy = {
  check: ({ via, before }) => {
    if (via !== 'RAISE_CHANGE' || before.links.some((l) => l.kind === 'resolved-by-change')) return;
    throw new PolicyRefusedError('resolutionThroughChange', 'Link the change that will remove the root cause first (POST links with kind resolved-by-change)', [
      { path: '$', code: 'REQUIRED', message: 'the problem has no resolved-by-change link' },
    ]);
  },
};

/** A problem cannot duplicate itself. */
export const duplicateOfAnother: Policy = {
  check: ({ setting, before }) => {
    if (setting.duplicateOf !== undefined && setting.duplicateOf === before.id) {
      throw new PolicyRefusedError('duplicateOfAnother', 'A problem cannot be a duplicate of itself', [{ path: '$.duplicateOf', code: 'UNKNOWN_REFERENCE', message: 'is this problem' }]);
    }
  },
};

/**
 * ITIL: resolving a problem offers to resolve its linked incidents that are still open (the
 * automatic cross-process rule is issue 17). Each offer names the incident and its RESOLVE event.
 */
export const resolveLinkedIncidents: Policy = {
  references: (ticket) => incidentsOf(ticket).map((id) => ({ kind: 'ticket' as const, id })),
  offers: ({ ticket, references, categoryOf }) => {
    const category = categoryOf(ticket.state);
    if (category !== 'resolved' && category !== 'closed') return [];
    return incidentsOf(ticket)
      .map((id) => references.ticket[id])
      .filter((incident) => incident !== undefined && !DONE.includes(incident.category))
      .map((incident) => ({ action: 'resolve-incident', ticket: { process: 'incident', id: incident!.id }, event: 'RESOLVE', reason: 'the problem behind it is resolved' }));
  },
};

export const problemPolicies: PolicyRegistry = { knownErrorRecord, resolutionThroughChange, duplicateOfAnother, resolveLinkedIncidents };
