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

/**
 * Resolution through change management: the fixing change is linked to the problem (kind
 * resolved-by-change, the link the change process honours). Raising the change takes the linked
 * change's id when the command names none, so the link and `changeId` agree; a command that
 * names a different change than the one linked is refused.
 */
export const resolutionThroughChange: Policy = {
  derive: ({ via, before, setting }) => {
    const linked = linkedChange(before);
    return via === 'RAISE_CHANGE' && linked && setting.changeId === undefined ? { changeId: linked } : undefined;
  },
  check: ({ via, before, setting }) => {
    const linked = linkedChange(before);
    if (via !== 'RAISE_CHANGE' || !linked || setting.changeId === linked) return;
    throw new PolicyRefusedError('resolutionThroughChange', `The problem is linked to change ${linked} (resolved-by-change), not ${String(setting.changeId)}`, [
      { path: '$.changeId', code: 'UNKNOWN_REFERENCE', message: `the linked change is ${linked}` },
    ]);
  },
};

const linkedChange = (ticket: Ticket): string | undefined => ticket.links.filter((l) => l.kind === 'resolved-by-change').at(-1)?.target.id;

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
