import type { Command, CommandPipeline, Decider } from '@itil/engine';
import { emptySnapshot, mergeSnapshots, type ReferenceQuery, type ReferenceResolver, type ReferenceSnapshot, type Ticket, type TicketDecider } from '@itil/tickets';

/**
 * Reference data from `base`, and tickets from their own streams (`<process>-<id>`), as the
 * API's engine resolves them: what a policy runner outside the API needs to send ticket commands.
 */
export function ticketStreamResolver(pipeline: CommandPipeline, deciders: TicketDecider[], base?: ReferenceResolver): ReferenceResolver {
  return {
    async resolve(queries: ReferenceQuery[]): Promise<ReferenceSnapshot> {
      const others = queries.filter((q) => q.kind !== 'ticket');
      let snapshot = base && others.length > 0 ? await base.resolve(others) : { ...emptySnapshot(), asked: others.map((q) => `${q.kind}:${q.id}`) };
      const found = emptySnapshot();
      for (const q of queries.filter((x) => x.kind === 'ticket')) {
        found.asked.push(`ticket:${q.id}`);
        for (const decider of deciders) {
          const { state, revision } = await pipeline.readState(decider as unknown as Decider<Command, never, Ticket>, `${decider.def.process}-${q.id}`);
          if (revision < 0n || !state.exists) continue;
          found.ticket[q.id] = { id: state.id, process: state.process, state: state.state, category: decider.viewFor(state).categoryOf(state.state) ?? 'active', fields: state.fields };
          break;
        }
      }
      snapshot = mergeSnapshots(snapshot, found);
      return snapshot;
    },
  };
}
