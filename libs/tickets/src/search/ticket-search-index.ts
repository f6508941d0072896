import { START, type EventStore, type Position, type Subscription } from '@itil/event-store';
import type { TicketDecider } from '../decider/ticket.decider';
import type { Ticket } from '../ticket.state';

export interface TicketSearch {
  /** Words that must all appear (case-insensitive) in one of `textFields`. */
  text?: string;
  /** Fields that must equal these values (e.g. service, configurationItem). */
  equals?: Record<string, string>;
}

export interface TicketSearchOptions {
  /** Which tickets the search covers (e.g. problems whose known error is published). */
  include: (ticket: Ticket) => boolean;
  /** Fields the text search reads. */
  textFields: string[];
}

/**
 * The tickets of one process folded in memory from a catch-up subscription (so writes by other
 * processes arrive too), searchable by text and field values. In-process for now: a read model
 * in SQL replaces it when the read-model work lands. `caughtUpTo` lets a reader wait for a
 * position it knows was written, instead of sleeping.
 */
export class TicketSearchIndex {
  private readonly tickets = new Map<string, { revision: bigint; ticket: Ticket }>();
  private subscription: Subscription | undefined;
  private position: Position | undefined;
  private waiters: { position: Position; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private failure: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly decider: TicketDecider,
    private readonly options: TicketSearchOptions,
  ) {}

  async start(): Promise<void> {
    const prefix = `${this.decider.def.process}-`;
    const subscription = this.store.subscribeToAll({ fromPosition: START, filter: { streamNamePrefixes: [prefix] }, onCheckpoint: (p) => this.advance(p) });
    this.subscription = subscription;
    void (async () => {
      for await (const e of subscription) {
        // `service-request-…` also starts with `service-`: only this process's own streams count.
        if (!/^[0-9a-f-]{36}$/i.test(e.streamId.slice(prefix.length))) continue;
        const entry = this.tickets.get(e.streamId) ?? { revision: -1n, ticket: this.decider.initialState() };
        if (e.revision > entry.revision) {
          entry.ticket = this.decider.evolve(entry.ticket, { type: e.type, data: e.data });
          entry.revision = e.revision;
          this.tickets.set(e.streamId, entry);
        }
        this.advance(e.position);
      }
    })().catch((error: unknown) => {
      // The store went away or an event could not be folded: searches say so instead of going stale in silence.
      this.failure = error;
      this.waiters.splice(0).forEach((w) => w.reject(error));
    });
    await subscription.caughtUp;
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
  }

  /** Resolves once the index has read up to `position` (the store's head, say: read your writes). */
  caughtUpTo(position: Position | undefined): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (position === undefined || (this.position !== undefined && this.position >= position)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  search(query: TicketSearch): Ticket[] {
    const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const out: Ticket[] = [];
    for (const { ticket } of this.tickets.values()) {
      if (!ticket.exists || !this.options.include(ticket)) continue;
      if (Object.entries(query.equals ?? {}).some(([field, value]) => ticket.fields[field] !== value)) continue;
      const haystack = this.options.textFields.map((f) => (typeof ticket.fields[f] === 'string' ? (ticket.fields[f] as string) : '')).join('\n').toLowerCase();
      if (words.every((w) => haystack.includes(w))) out.push(ticket);
    }
    return out;
  }

  private advance(position: Position): void {
    if (this.position === undefined || position > this.position) this.position = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    ready.forEach((w) => w.resolve());
  }
}
