import type { Command } from '@itil/engine';
import { emptySnapshot, mergeSnapshots, ReferencesNeeded, type ReferenceResolver, type ReferenceSnapshot, type Ticket, type TicketCommand, type TicketDecider } from '@itil/tickets';

/**
 * decide does no I/O, so a cross-process policy resolves what the command will need before it
 * hands the command to the runner: it asks decide (on the state just read) until it stops asking,
 * and sends the command with that snapshot. A domain refusal found on the way is left for the
 * runner to record, with the state it will load.
 */
export async function withReferences(decider: TicketDecider, resolver: ReferenceResolver, state: Ticket, command: Omit<TicketCommand, 'metadata'>): Promise<Omit<Command, 'metadata'>> {
  let references: ReferenceSnapshot = emptySnapshot();
  for (let round = 0; round < 5; round++) {
    try {
      decider.decide({ ...command, references, metadata: { now: new Date(0), actor: 'policy:probe' } } as TicketCommand, state);
      break;
    } catch (error) {
      if (!(error instanceof ReferencesNeeded)) break;
      references = mergeSnapshots(references, await resolver.resolve(error.queries));
    }
  }
  return { ...command, references } as Omit<Command, 'metadata'>;
}
