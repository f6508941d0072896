import type { Command, CommandPipeline, Decider, StoredEvent } from '@itil/engine';
import type { ReactorContext } from '@itil/reactors';
import { emptySnapshot, initialTicket, type TicketEvent, mergeSnapshots, ReferencesNeeded, type FieldValues, type ReferenceResolver, type ReferenceSnapshot, type Ticket, type TicketCommand, type TicketDecider } from '@itil/tickets';
import type { TicketFacts } from '../rules/match-rule';

/** The ticket deciders a rule may act through, by process (the app assembles them). */
export type Deciders = readonly TicketDecider[];

export const asStateDecider = (d: TicketDecider) => d as unknown as Decider<Command, never, Ticket>;
export const asReactionDecider = (d: TicketDecider) => d as unknown as Decider<Command, never, unknown>;

/** The decider whose streams (`<process>-<uuid>`) hold this event, if any. */
export const deciderOf = (deciders: Deciders, streamId: string): TicketDecider | undefined =>
  deciders.find((d) => streamId.startsWith(`${d.def.process}-`) && /^[0-9a-f-]{36}$/i.test(streamId.slice(d.def.process.length + 1)));

export const streamPrefixes = (deciders: Deciders): string[] => deciders.map((d) => `${d.def.process}-`);

export const readTicket = async (context: ReactorContext, decider: TicketDecider, streamId: string): Promise<Ticket> => (await context.readState(asStateDecider(decider), streamId)).state;

/** What a rule sees of a ticket: the well-known fields its conditions may name. */
export function factsOf(process: string, fields: FieldValues): TicketFacts {
  const template = fields.template as { id?: unknown } | null | undefined;
  return { process, service: fields.service, category: fields.category, configurationItem: fields.configurationItem, template: template?.id };
}

/** The category of a state in a ticket's pinned lifecycle (new, active, pending, resolved, closed, cancelled). */
export const categoryOf = (decider: TicketDecider, ticket: Ticket, state: string): string | undefined => (ticket.lifecycle ? decider.viewFor(ticket).categoryOf(state) : undefined);

/**
 * The categories of a move's `from` and `to` in the lifecycle version its envelope names (the
 * version the ticket is pinned to just after the move), without reading the ticket's stream;
 * undefined when the envelope names none (an event from before envelopes carried it).
 */
export function moveCategories(decider: TicketDecider, event: StoredEvent, move: { from: string; to: string }): { from?: string; to?: string } | undefined {
  const machine = event.envelope.machine;
  if (!machine) return undefined;
  const pinned: Ticket = { ...initialTicket(), lifecycle: { id: machine.id, version: machine.version } };
  return { from: categoryOf(decider, pinned, move.from), to: categoryOf(decider, pinned, move.to) };
}

/** A move event's from/to/via, or undefined for any other fact. */
export function moveOf(event: StoredEvent): { from: string; to: string; via: string } | undefined {
  const d = event.data as { from?: unknown; to?: unknown; via?: unknown };
  return typeof d.from === 'string' && typeof d.to === 'string' && typeof d.via === 'string' ? { from: d.from, to: d.to, via: d.via } : undefined;
}

/**
 * decide does no I/O, so what a rule's command needs (the group and its members) is resolved
 * before it is sent: decide is asked on the state just read until it stops asking. A refusal
 * found on the way is left for the runner to record against the state it loads.
 */
export async function withReferences(decider: TicketDecider, resolver: ReferenceResolver, state: Ticket, command: Omit<TicketCommand, 'metadata'>): Promise<Omit<Command, 'metadata'>> {
  let references: ReferenceSnapshot = emptySnapshot();
  for (let round = 0; round < 5; round++) {
    try {
      decider.decide({ ...command, references, metadata: { now: new Date(0), actor: 'rule:probe@0' } } as TicketCommand, state);
      break;
    } catch (error) {
      if (!(error instanceof ReferencesNeeded)) break;
      references = mergeSnapshots(references, await resolver.resolve(error.queries));
    }
  }
  return { ...command, references } as Omit<Command, 'metadata'>;
}

/** A ticket as it stood just after its event at `revision`, and its events up to there (current schemas). */
export async function ticketAt(pipeline: CommandPipeline, decider: TicketDecider, streamId: string, revision: bigint): Promise<{ ticket: Ticket; events: StoredEvent[] }> {
  const events = (await pipeline.read(streamId)).filter((e) => e.revision <= revision);
  const ticket = events.reduce((s, e) => (decider.knows(e) ? decider.evolve(s, e as TicketEvent) : s), initialTicket());
  return { ticket, events };
}

/** The last move into a resolved state among `events` (the resolution an auto-close timer counts from). */
export function lastResolution(decider: TicketDecider, ticket: Ticket, events: StoredEvent[]): StoredEvent | undefined {
  return [...events].reverse().find((e) => {
    const move = moveOf(e);
    return move !== undefined && categoryOf(decider, ticket, move.to) === 'resolved' && categoryOf(decider, ticket, move.from) !== 'resolved';
  });
}
