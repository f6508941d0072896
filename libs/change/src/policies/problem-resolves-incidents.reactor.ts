import type { Command, Decider, StoredEvent } from '@itil/engine';
import { incidentsOf } from '@itil/problem';
import type { Reaction, Reactor, ReactorContext } from '@itil/reactors';
import type { ReferenceResolver, Ticket, TicketDecider } from '@itil/tickets';
import { withReferences } from './decide-with-references';

export interface ProblemResolvesIncidentsOptions {
  problem: TicketDecider;
  incident: TicketDecider;
  references: ReferenceResolver;
  /** `resolve`: the policy resolves the linked incidents; `offer`: it leaves them to the offers a problem's GET shows. */
  mode: 'resolve' | 'offer';
}

/** The facts that say a problem was resolved through a change (problem lifecycle v1 and v2). */
const RESOLVED_THROUGH_CHANGE = 'CHANGE_IMPLEMENTED';

/**
 * ITIL: a problem resolved through a change resolves its linked incidents. One reaction per
 * linked incident, in a stable order (sorted ids), so the runner's keys `<event id>#<n>` name the
 * same incident on every run: after a crash, the ones already resolved replay, the rest are
 * resolved, none twice. An incident already resolved or closed by someone else is refused by its
 * lifecycle, and the runner records the refusal.
 */
export function problemResolvesIncidents(options: ProblemResolvesIncidentsOptions): Reactor {
  return {
    name: 'problem-resolves-incidents',
    filter: { streamNamePrefixes: ['problem-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const data = event.data as { via?: unknown };
      if (options.mode !== 'resolve' || data.via !== RESOLVED_THROUGH_CHANGE) return [];
      const { state: problem } = await context.readState(options.problem as unknown as Decider<Command, never, Ticket>, event.streamId);
      const reactions: Reaction[] = [];
      for (const id of [...incidentsOf(problem)].sort()) {
        const streamId = `incident-${id}`;
        const { state: incident } = await context.readState(options.incident as unknown as Decider<Command, never, Ticket>, streamId);
        const input = { resolutionCode: 'resolved-by-problem', resolutionNotes: `Problem ${problem.id} resolved through change ${String(problem.fields.changeId ?? '')}` };
        const command = await withReferences(options.incident, options.references, incident, { type: 'MoveTicket', data: { ticketId: id, event: 'RESOLVE', input } });
        reactions.push({ streamId, decider: options.incident as unknown as Decider<Command, never, unknown>, command });
      }
      return reactions;
    },
  };
}
