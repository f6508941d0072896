import { emptySnapshot, mergeSnapshots, ReferencesNeeded, type ReferenceResolver, type Ticket, type TicketCommand, type TicketDecider, type TicketEvent } from '@itil/tickets';
import type { ChangeScheduleIndex } from '../process/change-schedule';

/**
 * Drives the change decider in memory as the engine's handler does (decide, resolve what it
 * asks for, decide again), feeding each fact to the schedule index as the API's subscription does.
 */
export function changeDriver(decider: TicketDecider, resolver: ReferenceResolver, schedule: ChangeScheduleIndex, ticketId: string, actor: () => string, now: Date) {
  const events: TicketEvent[] = [];
  let state: Ticket = decider.initialState();
  async function send(type: TicketCommand['type'], data: Record<string, unknown>, as = actor()): Promise<TicketEvent[]> {
    let references = emptySnapshot();
    for (let round = 0; round < 5; round++) {
      const command = { type, data: { ticketId, ...data }, metadata: { now, actor: as }, references } as unknown as TicketCommand;
      try {
        const written = decider.decide(command, state);
        for (const e of written) {
          state = decider.evolve(state, e);
          schedule.apply(`change-${ticketId}`, e.data);
        }
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
    id: ticketId,
    events,
    state: () => state,
    open: (input: Record<string, unknown>, lifecycle?: string) => send('OpenTicket', { input, ...(lifecycle ? { lifecycle } : {}) }),
    move: (event: string, input: Record<string, unknown> = {}, as?: string) => send('MoveTicket', { event, input }, as),
    update: (input: Record<string, unknown>, as?: string) => send('UpdateTicketFields', { input }, as),
  };
}
