import { emptySnapshot, mergeSnapshots, ReferencesNeeded, type ReferenceResolver, type TicketCommand, type TicketDecider, type TicketEvent, type Ticket } from '@itil/tickets';
import type { CommandMetadata } from '@itil/engine';

/**
 * Drives a ticket decider in memory the way the engine's handler does: decide, and when decide
 * asks for references, resolve them and decide again. For process specs that want the real
 * decider and real reference data without HTTP. `send` throws what decide throws.
 */
export function ticketDriver(decider: TicketDecider, resolver: ReferenceResolver, ticketId: string, metadata: () => CommandMetadata) {
  const events: TicketEvent[] = [];
  let state: Ticket = decider.initialState();
  async function send(type: TicketCommand['type'], data: Record<string, unknown>): Promise<TicketEvent[]> {
    let references = emptySnapshot();
    for (let round = 0; round < 5; round++) {
      const command = { type, data: { ticketId, ...data }, metadata: metadata(), references } as unknown as TicketCommand;
      try {
        const written = decider.decide(command, state);
        for (const e of written) state = decider.evolve(state, e);
        events.push(...written);
        return written;
      } catch (error) {
        if (!(error instanceof ReferencesNeeded)) throw error;
        references = mergeSnapshots(references, await resolver.resolve(error.queries));
      }
    }
    throw new Error('references kept being asked for');
  }
  return {
    events,
    state: () => state,
    open: (input: Record<string, unknown>) => send('OpenTicket', { input }),
    move: (event: string, input: Record<string, unknown> = {}) => send('MoveTicket', { event, input }),
    update: (input: Record<string, unknown>) => send('UpdateTicketFields', { input }),
    link: (input: Record<string, unknown>) => send('LinkTicket', { input }),
    unlink: (linkId: string) => send('UnlinkTicket', { linkId }),
    offers: async () => {
      const refs = await resolver.resolve(decider.offerReferences(state));
      return decider.offers(state, refs);
    },
  };
}
