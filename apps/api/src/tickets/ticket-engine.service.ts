import { Inject, Injectable } from '@nestjs/common';
import { COMMAND_PIPELINE, type CommandOptions, type CommandPipeline, type CommandResult, type StoredEvent } from '@itil/engine';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import {
  REFERENCE_RESOLVER,
  ReferencesNeeded,
  TicketNotFoundError,
  createTicketDecider,
  emptySnapshot,
  mergeSnapshots,
  streamOf,
  type Offer,
  type ProcessDefinition,
  type ReferenceQuery,
  type ReferenceResolver,
  type ReferenceSnapshot,
  type Ticket,
  type TicketCommand,
  type TicketDecider,
  type TicketEvent,
} from '@itil/tickets';
import { TICKET_PROCESSES } from './tickets.tokens';

export type TicketResult = CommandResult<Ticket, TicketEvent> & { offers: Offer[] };

export interface TicketView {
  ticket: Ticket;
  revision: bigint;
  offers: Offer[];
}

/**
 * Runs the one decider for every process: resolves the references decide asks for (decide does
 * no I/O), then load, decide, append with the revision, retry on conflict, in the pipeline.
 */
@Injectable()
export class TicketEngine {
  private readonly deciders = new Map<string, TicketDecider>();

  constructor(
    @Inject(TICKET_PROCESSES) readonly processes: ProcessDefinition[],
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIFECYCLE_CATALOG) readonly catalog: LifecycleCatalog,
    @Inject(REFERENCE_RESOLVER) private readonly references: ReferenceResolver,
  ) {
    // One decider per process for the app's life: the pipeline caches folds per decider.
    for (const def of processes) {
      this.deciders.set(def.process, createTicketDecider(def, catalog));
      def.registerUpcasters?.(pipeline.upcasters);
    }
  }

  decider(process: string): TicketDecider {
    return this.deciders.get(process)!;
  }

  async run(process: string, command: TicketCommand, options: CommandOptions): Promise<TicketResult> {
    const decider = this.decider(process);
    let references = command.references ?? emptySnapshot();
    for (let attempt = 0; ; attempt++) {
      try {
        // A version published elsewhere a moment ago is loaded before deciding (catalog.resolving).
        const result = await this.catalog.resolving(() => this.pipeline.run(decider, streamOf(decider.def, command.data.ticketId), { ...command, references }, options));
        return { ...result, offers: await this.offersOf(decider, result.state) };
      } catch (error) {
        // Each round resolves what decide asked for; a ticket references a bounded set of records.
        if (!(error instanceof ReferencesNeeded) || attempt >= 5) throw error;
        references = mergeSnapshots(references, await this.resolve(error.queries));
      }
    }
  }

  async view(process: string, ticketId: string): Promise<TicketView> {
    const decider = this.decider(process);
    const { state: ticket, revision } = await this.pipeline.readState(decider, streamOf(decider.def, ticketId));
    if (!ticket.exists) throw new TicketNotFoundError(process, ticketId);
    await this.catalog.resolve(ticket.lifecycle!.id, ticket.lifecycle!.version);
    return { ticket, revision, offers: await this.offersOf(decider, ticket) };
  }

  /** The stream's events, oldest first, read as today's shapes (older schemas upcast). */
  async events(process: string, ticketId: string): Promise<StoredEvent<TicketEvent>[]> {
    const decider = this.decider(process);
    const recorded = await this.pipeline.read<TicketEvent>(streamOf(decider.def, ticketId));
    if (recorded.length === 0) throw new TicketNotFoundError(process, ticketId);
    let state = decider.initialState();
    return recorded.map((e) => {
      const current = decider.def.upcast ? decider.def.upcast({ type: e.type, data: e.data }, state) : e;
      state = decider.evolve(state, { type: e.type, data: e.data });
      return { ...e, type: current.type, data: current.data };
    });
  }

  /** Reference data from the resolver, and tickets from their own streams. */
  async resolve(queries: ReferenceQuery[]): Promise<ReferenceSnapshot> {
    const tickets = queries.filter((q) => q.kind === 'ticket');
    const snapshot = await this.references.resolve(queries.filter((q) => q.kind !== 'ticket'));
    for (const q of tickets) {
      snapshot.asked.push(`ticket:${q.id}`);
      for (const decider of this.deciders.values()) {
        if (!/^[0-9a-f-]{36}$/i.test(q.id)) break;
        const { state: t } = await this.pipeline.readState(decider, streamOf(decider.def, q.id));
        if (!t.exists) continue;
        snapshot.ticket[q.id] = { id: t.id, process: t.process, state: t.state, category: decider.viewFor(t).categoryOf(t.state) ?? 'active', fields: t.fields };
        break;
      }
    }
    return snapshot;
  }

  private async offersOf(decider: TicketDecider, ticket: Ticket): Promise<Offer[]> {
    if (!ticket.exists) return [];
    const queries = decider.offerReferences(ticket);
    if (queries.length === 0) return decider.offers(ticket, emptySnapshot());
    return decider.offers(ticket, await this.resolve(queries));
  }
}
