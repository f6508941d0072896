import type { StoredEvent } from '@itil/engine';
import { kebab, type Ticket, type TicketDecider, type TicketEvent } from '@itil/tickets';
import type { TicketResult, TicketView } from './ticket-engine.service';

/** JSON shapes of every process's API. Revisions are numbers; `$all` positions are strings (64-bit). */
export const presentCommandResult = (result: TicketResult) => ({
  id: result.state.id,
  status: result.state.state,
  revision: Number(result.revision),
  replayed: result.replayed,
  /** `$all` position of the last event written: pass it as `?after=` to a read-model query to read your write. */
  position: result.position === undefined ? null : result.position.toString(),
  events: result.events.map((e) => ({ id: e.id, type: e.type, revision: Number(e.revision) })),
  offers: result.offers,
});

/** The events allowed in the ticket's state now, with the endpoint and the fields each requires and may set. */
export function allowedNow(decider: TicketDecider, ticket: Ticket) {
  const view = decider.viewFor(ticket);
  return view.lifecycle.allowedEvents(ticket.state).map((event) => {
    const candidates = view.candidates(ticket.state, event);
    const required = new Set<string>();
    for (const c of candidates) {
      for (const f of c.meta?.requiredFields ?? []) required.add(f);
      for (const f of view.stateRequires(c.target ?? ticket.state)) if (ticket.fields[f] === undefined || ticket.fields[f] === null) required.add(f);
    }
    for (const f of Object.keys(candidates[0]?.meta?.sets ?? {})) required.delete(f);
    const settable = [...view.settableBy(event, ticket.state).keys()];
    return { event, method: 'POST', path: `/${decider.def.resource}/${ticket.id}/${kebab(event)}`, requiredFields: [...required].sort(), settableFields: settable.sort() };
  });
}

export const presentTicket = (decider: TicketDecider, { ticket, revision, offers }: TicketView) => ({
  id: ticket.id,
  process: ticket.process,
  status: ticket.state,
  category: decider.viewFor(ticket).categoryOf(ticket.state) ?? null,
  lifecycle: ticket.lifecycle,
  revision: Number(revision),
  openedAt: ticket.openedAt,
  fields: ticket.fields,
  comments: ticket.comments.length,
  workLoggedMinutes: ticket.workLoggedMinutes,
  links: ticket.links,
  allowedEvents: allowedNow(decider, ticket),
  offers,
});

export const presentEvent = (e: StoredEvent<TicketEvent>) => ({
  id: e.id,
  type: e.type,
  revision: Number(e.revision),
  position: e.position.toString(),
  recordedAt: e.recordedAt.toISOString(),
  data: e.data,
  envelope: e.envelope,
});
