import { START, StreamNotFoundError, type EventStore, type Position, type RecordedEvent, type Subscription } from '@itil/event-store';
import { REFERENCE_DECIDERS, REFERENCE_EVENT_TYPES, type ReferenceRecords } from '../reference-deciders';
import { parseStream, streamOf, type ReferenceKind } from '../reference-kinds';

type Entry = { kind: ReferenceKind; revision: bigint; state: unknown };
/** The least an event must carry to be folded here (a RecordedEvent or a pipeline's WrittenEvent). */
export type IndexedEvent = { streamId: string; revision: bigint; type: string; data: unknown };

/**
 * Reference data in memory, kept current from the store: a catch-up subscription over `$all`
 * (through the event-store port, so writes by another process or API instance arrive too), and a
 * direct read of the record's stream on a miss, so that a record created a moment ago (before
 * the subscription delivered it) is never reported unknown.
 *
 * Each stream is folded at most once per revision: events at or below the revision already
 * known are skipped, whichever of the three paths (subscription, miss read, this process's own
 * writes) brought them first.
 */
export class ReferenceIndex {
  private readonly entries = new Map<string, Entry>();
  private subscription: Subscription | undefined;
  private position: Position | undefined;
  private waiters: { position: Position; resolve: () => void }[] = [];
  private failure: unknown;

  constructor(private readonly store: EventStore) {}

  /** Follows the store from the start; resolves once history has been folded. */
  async start(): Promise<void> {
    if (this.subscription) return;
    const subscription = this.store.subscribeToAll({
      fromPosition: START,
      filter: { eventTypes: REFERENCE_EVENT_TYPES },
      onCheckpoint: (position) => this.advance(position),
    });
    this.subscription = subscription;
    void (async () => {
      for await (const event of subscription) {
        await this.apply(event);
        this.advance(event.position);
      }
    })().catch((error: unknown) => {
      this.failure = error;
    });
    await subscription.caughtUp;
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /**
   * The record, from memory, or from its stream when memory has not seen it yet. With `fresh`,
   * memory is brought up to the stream's end first (one read of the events after the revision
   * known): decisions that refuse on a record's state (a retired service, an inactive user, a
   * member removed) use it, so another process's change a moment ago is never missed.
   */
  async get<K extends ReferenceKind>(kind: K, id: string, options: { fresh?: boolean } = {}): Promise<ReferenceRecords[K] | undefined> {
    const entry = this.entries.get(streamOf(kind, id));
    if (entry?.state && !options.fresh) return entry.state as ReferenceRecords[K];
    // Memory that has seen the whole log is fresh: one look at the head instead of a read of the
    // record's stream (an assignment checks the group and each of its members).
    if (options.fresh && (await this.seenWholeLog())) return entry?.state as ReferenceRecords[K] | undefined;
    return this.read(kind, id);
  }

  /** The subscription has folded every event up to the log's head (so no record has changed since). */
  private async seenWholeLog(): Promise<boolean> {
    if (this.position === undefined || this.failure) return false;
    const head = await this.store.headPosition();
    return head !== undefined && this.position >= head;
  }

  /** The record as its stream holds it now: memory plus the events written since. */
  async read<K extends ReferenceKind>(kind: K, id: string): Promise<ReferenceRecords[K] | undefined> {
    const streamId = streamOf(kind, id);
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(streamId, { fromRevision: (this.entries.get(streamId)?.revision ?? -1n) + 1n });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return (this.entries.get(streamId)?.state as ReferenceRecords[K] | undefined) ?? undefined;
      throw error;
    }
    for (const event of events) this.fold(kind, event);
    return (this.entries.get(streamId)?.state as ReferenceRecords[K] | undefined) ?? undefined;
  }

  /** The revision of the record's stream this index has folded up to (undefined when unseen). */
  revisionOf(kind: ReferenceKind, id: string): bigint | undefined {
    return this.entries.get(streamOf(kind, id))?.revision;
  }

  /** Every record of a kind this index knows (the subscription's view: eventually consistent). */
  list<K extends ReferenceKind>(kind: K): ReferenceRecords[K][] {
    const out: ReferenceRecords[K][] = [];
    for (const entry of this.entries.values()) if (entry.kind === kind && entry.state) out.push(entry.state as ReferenceRecords[K]);
    return out;
  }

  /** Folds events this process just wrote, so its next read does not wait for the subscription. */
  async applyWritten(events: IndexedEvent[]): Promise<void> {
    for (const event of events) await this.apply(event);
  }

  /** Resolves once the subscription has read up to `position` (another process's write, say). */
  caughtUpTo(position: Position): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.position !== undefined && this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private advance(position: Position): void {
    if (this.position === undefined || position > this.position) this.position = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }

  private async apply(event: IndexedEvent): Promise<void> {
    const parsed = parseStream(event.streamId);
    if (!parsed) return;
    const known = this.entries.get(event.streamId)?.revision ?? -1n;
    if (event.revision <= known) return;
    // A gap (events this index never saw, e.g. hidden by truncation): read what is missing.
    if (event.revision > known + 1n) return void (await this.read(parsed.kind, parsed.id));
    this.fold(parsed.kind, event);
  }

  private fold(kind: ReferenceKind, event: IndexedEvent): void {
    const decider = REFERENCE_DECIDERS[kind];
    const entry = this.entries.get(event.streamId) ?? { kind, revision: -1n, state: decider.initialState() };
    if (event.revision <= entry.revision) return;
    entry.state = decider.evolve(entry.state, { type: event.type, data: event.data } as never);
    entry.revision = event.revision;
    this.entries.set(event.streamId, entry);
  }
}
