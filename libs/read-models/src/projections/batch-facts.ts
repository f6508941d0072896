import type { RecordedEvent } from '@itil/event-store';
import { classifyEvent, factContext } from '../events/classify-event';
import type { FactContext, ReadSideFact, TicketFact } from '../events/ticket-facts';

export interface BatchFact<F extends ReadSideFact = ReadSideFact> {
  fact: F;
  ctx: FactContext;
}

/** The facts of a batch of events, in log order (events the read side does not understand dropped). */
export function factsOf(events: readonly RecordedEvent[]): BatchFact[] {
  const out: BatchFact[] = [];
  for (const event of events) {
    const fact = classifyEvent(event);
    if (fact) out.push({ fact, ctx: factContext(event) });
  }
  return out;
}

/** The tickets a batch's facts are about (the rows to load before folding it). */
export function ticketIdsOf(facts: readonly BatchFact[], kinds?: readonly TicketFact['kind'][]): string[] {
  const ids = new Set<string>();
  for (const { fact } of facts) if (fact.kind !== 'lifecyclePublished' && (!kinds || kinds.includes(fact.kind))) ids.add(fact.ticketId);
  return [...ids];
}
