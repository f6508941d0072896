import { SerialTicker, type Clock } from '@itil/engine';
import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, readAllPages, type EventStore, type RecordedEvent } from '@itil/event-store';
import { SlaDefinitions } from '../definitions/sla-definitions';
import { SLA_STREAM_PREFIX, retargetKey, slaStreamOf } from '../clock/sla-clock.events';
import { foldSlaEvent, foldTicket, foldTicketEvent, type TicketSla } from '../clock/ticket-sla.fold';
import { DueHeap } from './due-heap';
import { nextDueOf, pendingEvents } from './pending-facts';

export interface SlaSchedulerDeps {
  store: EventStore;
  clock: Clock;
  definitions?: SlaDefinitions;
  pageSize?: number;
  /** How often to try again when another scheduler wrote to the same `sla-` stream first. */
  maxAttempts?: number;
  /** Tickets whose facts are written at the same time (default 16). */
  concurrency?: number;
}

export interface TickResult {
  /** Warnings and breaches this scheduler appended. */
  recorded: number;
  /** Clocks whose due instant had come and that were checked against their streams. */
  checked: number;
}

/**
 * Computes when each running clock next reaches a warning or its breach, and at that instant
 * appends the fact to `sla-<ticket stream>`. Exactly once, however many schedulers run and
 * however often they restart:
 * - the facts are pure functions of the log (ticket events, re-baselines, published versions), so
 *   every scheduler computes the same events with the same derived ids;
 * - before writing, it re-reads the ticket's two streams (its in-memory view may lag) and appends
 *   only what is not recorded yet, with the `sla-` stream's exact expected revision: a scheduler
 *   that lost the race gets a conflict, re-reads, finds the facts there and writes nothing.
 * After downtime the first tick catches up: every threshold passed meanwhile is recorded with the
 * instant it really happened as occurred-at; recorded-at is the store's.
 *
 * Time is injected: `tick()` reads the clock once; tests move a fake clock and call it.
 */
export class SlaScheduler {
  readonly definitions: SlaDefinitions;
  private position: bigint | undefined;
  private readonly tickets = new Map<string, TicketSla>();
  private readonly heap = new DueHeap();
  private readonly gens = new Map<string, number>();
  private readonly ticker = new SerialTicker(() => this.tickNow());

  constructor(private readonly deps: SlaSchedulerDeps) {
    this.definitions = deps.definitions ?? new SlaDefinitions();
  }

  /** Tickets with an opened clock known to this scheduler. */
  get ticketCount(): number {
    return this.tickets.size;
  }

  /** Clocks waiting for a future instant. */
  get scheduled(): number {
    return this.heap.size;
  }

  /** Folds what `$all` holds beyond what this scheduler has read; returns how many events it read. */
  async sync(): Promise<number> {
    let read = 0;
    const touched = new Set<string>();
    for await (const page of readAllPages(this.deps.store, { fromPosition: this.position, pageSize: this.deps.pageSize ?? 2000 })) {
      for (const e of page) this.fold(e, touched);
      read += page.length;
      this.position = page[page.length - 1].position;
      for (const stream of touched) this.schedule(stream);
      touched.clear();
    }
    return read;
  }

  /** Syncs, then records every fact whose instant has come. One tick at a time per scheduler. */
  tick(): Promise<TickResult> {
    return this.ticker.tick();
  }

  /** Ticks every `intervalMs` of real time (production); errors go to `onError`, the next tick tries again. */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    this.ticker.start(intervalMs, onError);
  }

  stop(): void {
    this.ticker.stop();
  }

  /** Stops, then waits for a tick in flight, so the store can close under it safely. */
  stopped(): Promise<void> {
    return this.ticker.stopped();
  }

  private async tickNow(): Promise<TickResult> {
    await this.sync();
    const now = this.deps.clock.now().getTime();
    const due = new Set<string>();
    for (let top = this.heap.peek(); top && top.at <= now; top = this.heap.peek()) {
      this.heap.pop();
      if (this.gens.get(top.key) === top.gen) due.add(top.key); // else superseded by a later schedule
    }
    // Different tickets' streams never conflict: write several at once (the embedded store
    // commits appends that arrive together in one transaction).
    const streams = [...due];
    let recorded = 0;
    const worker = async () => {
      for (let stream = streams.pop(); stream !== undefined; stream = streams.pop()) {
        const n = await this.fire(stream, now); // not `recorded += await ...`: that adds to a stale value
        recorded += n;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 16, streams.length) }, worker));
    return { recorded, checked: due.size };
  }

  private fold(e: RecordedEvent, touched: Set<string>): void {
    if (this.definitions.apply(e)) return;
    if (e.streamId.startsWith('$') || e.streamId.startsWith('lifecycle-')) return;
    if (e.streamId.startsWith(SLA_STREAM_PREFIX)) {
      const stream = e.streamId.slice(SLA_STREAM_PREFIX.length);
      const t = this.tickets.get(stream);
      if (t) {
        this.tickets.set(stream, foldSlaEvent(t, e));
        touched.add(stream);
      }
      return;
    }
    const before = this.tickets.get(e.streamId);
    const after = foldTicketEvent(before, e, this.definitions.stateMeta);
    if (after && after !== before) {
      this.tickets.set(e.streamId, after);
      touched.add(e.streamId);
    }
  }

  private schedule(stream: string): void {
    const gen = (this.gens.get(stream) ?? 0) + 1;
    this.gens.set(stream, gen);
    const t = this.tickets.get(stream);
    const due = t && nextDueOf(t, this.definitions);
    if (due !== undefined) this.heap.push(due, stream, gen);
  }

  /** Re-reads the ticket's streams and appends what is due and not recorded; returns how many facts it recorded. */
  private async fire(stream: string, now: number): Promise<number> {
    const attempts = this.deps.maxAttempts ?? 10;
    for (let attempt = 1; ; attempt++) {
      const t = foldTicket(await this.read(stream), await this.read(slaStreamOf(stream)), this.definitions.stateMeta);
      if (!t) {
        this.tickets.delete(stream);
        return 0;
      }
      const { events, facts, retargets } = pendingEvents(t, this.definitions, now);
      if (events.length === 0) {
        this.remember(t);
        return 0;
      }
      try {
        const appended = await this.deps.store.appendToStream(slaStreamOf(stream), events, { expectedRevision: t.slaRevision === -1n ? NO_STREAM : t.slaRevision });
        const recorded = new Map(t.recorded);
        for (const f of facts) recorded.set(f.key, { eventId: '', at: f.at });
        for (const r of retargets) recorded.set(retargetKey(r.clock, r.baseline, r.causedBy), { eventId: '', at: now });
        this.remember({ ...t, recorded, slaRevision: appended.nextExpectedRevision, slaLastHash: (events[events.length - 1].metadata as { hash: string }).hash });
        return facts.length;
      } catch (error) {
        // Another scheduler recorded something on this stream first: read again and see what is left.
        if ((error instanceof WrongExpectedVersionError || isBusy(error)) && attempt < attempts) continue;
        throw error;
      }
    }
  }

  private remember(t: TicketSla): void {
    const known = this.tickets.get(t.ticketStream);
    // Keep whichever view has read further (sync may already be past what fire read).
    if (!known || t.ticketRevision >= known.ticketRevision) this.tickets.set(t.ticketStream, t);
    this.schedule(t.ticketStream);
  }

  private async read(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.deps.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}

/**
 * The embedded store's appends run in a deferred transaction: when another process wrote since
 * its read began, SQLite refuses the upgrade to a write at once (SQLITE_BUSY_SNAPSHOT, "database
 * is locked") instead of waiting. Nothing was written then, so reading again and retrying is safe.
 */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
