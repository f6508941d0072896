import type { Command, Decider } from '@itil/engine';
import type { Reaction, ReactorContext } from '@itil/reactors';
import type { ReferenceResolver, Ticket, TicketDecider } from '@itil/tickets';
import { withReferences } from './decide-with-references';

export const asDecider = (d: TicketDecider) => d as unknown as Decider<Command, never, Ticket>;

/** Reads a ticket of `decider`'s process (not found: `exists` is false). */
export const readTicket = async (context: ReactorContext, decider: TicketDecider, id: string): Promise<Ticket> =>
  (await context.readState(asDecider(decider), `${decider.def.process}-${id}`)).state;

/**
 * A field update a policy keeps on another ticket, or nothing when the ticket already holds that
 * value: acting on a fact twice (a restart, a second runner) then writes nothing, and two
 * policies that answer each other's updates stop as soon as both sides agree.
 */
export async function keepField(decider: TicketDecider, references: ReferenceResolver, ticket: Ticket, field: string, value: unknown): Promise<Reaction[]> {
  if (!ticket.exists || JSON.stringify(ticket.fields[field] ?? null) === JSON.stringify(value)) return [];
  return [{ streamId: `${decider.def.process}-${ticket.id}`, decider: asReactionDecider(decider), command: await withReferences(decider, references, ticket, { type: 'UpdateTicketFields', data: { ticketId: ticket.id, input: { [field]: value } } }) }];
}

export const asReactionDecider = (d: TicketDecider) => d as unknown as Decider<Command, never, unknown>;

export const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
