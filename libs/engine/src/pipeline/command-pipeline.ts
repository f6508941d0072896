import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventData, type EventStore, type RecordedEvent } from '@itil/event-store';
import type { DomainEvent, EventEnvelope, StoredEvent } from '../envelope/event-envelope';
import { envelop, unwrap } from '../envelope/envelope-codec';
import type { IdGenerator } from '../ports/id-generator.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import type { Command, Decider, Evolver } from './decider';
import { EventFolder, type EngineLogger } from './event-folder';
import { FoldedStreamCache, emptyFold, foldInto, type FoldedStream, type KeyedWrite, type WrittenEvent } from './folded-stream-cache';
import { commandFingerprint, idempotencyScope } from './idempotency';
import { KeyedMutex } from './keyed-mutex';
import { DecisionNeedsInput, IdempotencyKeyReusedError, RevisionConflictError } from './pipeline.errors';

export type { WrittenEvent } from './folded-stream-cache';

export interface CommandOptions {
  correlationId?: string;
  causationId?: string;
  /** See idempotency.ts for how keys are scoped, matched and how long they are honoured. */
  idempotencyKey?: string;
  /** The revision the caller last saw (HTTP If-Match): a mismatch is a 409, never retried. */
  expectedRevision?: bigint;
  /**
   * The stream id was generated for this command (a fresh UUID), so its stream is expected not
   * to exist: the command is decided on an empty fold without reading the store, and the
   * append's no-stream check is what validates that (a stream that does exist after all is
   * read and the command decided again, as for any stale fold).
   */
  newStream?: boolean;
}

export interface CommandResult<S, E extends DomainEvent> {
  streamId: string;
  state: S;
  /** Revision of the stream's last event after the command (-1 when the stream is still empty). */
  revision: bigint;
  /** The events this command wrote, or, for a repeated idempotency key, those the first one wrote. */
  events: WrittenEvent<E>[];
  /** `$all` position of the last event written (undefined when nothing was written). */
  position?: bigint;
  /** True when the idempotency key had been seen: nothing was written this time. */
  replayed: boolean;
}

export interface CommandPipelineOptions {
  maxAttempts?: number;
  /** How many streams' folds to keep in memory (0 disables the cache). */
  cachedStreams?: number;
  /** How many bytes of idempotency keys the cached folds may hold together (default 32 MiB). */
  cachedKeyBytes?: number;
  /** Old schemas brought to the current one on read; the pipeline makes one when none is given. */
  upcasters?: UpcasterRegistry;
  /** Where skipped (unknown) event types are reported, once each. */
  logger?: EngineLogger;
}

/** A stream read for a query: its state folded by this build, and its events in current schemas. */
export interface StreamView<S> {
  state: S;
  /** Revision of the last event (-1 for an unknown stream), whether or not this build knew it. */
  revision: bigint;
  events: StoredEvent[];
}

/**
 * Load, fold, decide, append with the expected revision, retry on conflict: written once, used
 * by every process. Handlers hold no rules; deciders hold no I/O. Every fold is total (see
 * EventFolder) and reads old schemas through `upcasters`.
 */
export class CommandPipeline {
  readonly upcasters: UpcasterRegistry;
  private readonly folder: EventFolder;
  private readonly streams = new KeyedMutex();
  private readonly folds: FoldedStreamCache;
  /** The store's change epoch each cached fold was last read or written at (see currentFold). */
  private readonly epochs = new WeakMap<FoldedStream<unknown>, string>();
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    options: CommandPipelineOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
    this.folds = new FoldedStreamCache({ streams: options.cachedStreams, keyBytes: options.cachedKeyBytes });
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.folder = new EventFolder(this.upcasters, options.logger);
  }

  /** Commands to one stream run one at a time in this process (see KeyedMutex). */
  async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: CommandOptions = {},
  ): Promise<CommandResult<S, E>> {
    return this.streams.run(streamId, () => this.runNow(decider, streamId, command, options));
  }

  /** Every event of a stream as stored (no upcasting), oldest first; an unknown stream is empty. */
  async load(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** Every event of a stream in the schema this build reads (those it cannot upcast as stored). */
  async read<E extends DomainEvent = DomainEvent>(streamId: string): Promise<StoredEvent<E>[]> {
    return (await this.load(streamId)).map((e) => this.view(unwrap<E>(e)));
  }

  /** A stream folded for a query, with the same total fold and upcasting commands get. */
  async readState<E extends DomainEvent, S>(evolver: Evolver<E, S>, streamId: string): Promise<StreamView<S>> {
    const stored = (await this.load(streamId)).map((e) => unwrap(e));
    const state = stored.reduce((s, e) => this.folder.apply(evolver, s, e), evolver.initialState());
    return { state, revision: stored.length > 0 ? stored[stored.length - 1].revision : -1n, events: stored.map((e) => this.view(e)) };
  }

  /** Streams cached and the bytes of idempotency keys their folds hold (for tests and health). */
  cacheStats(): { streams: number; keyBytes: number } {
    return this.folds.size();
  }

  private async runNow<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: CommandOptions,
  ): Promise<CommandResult<S, E>> {
    const commandId = this.ids.next();
    const key = options.idempotencyKey;
    const scope = key ? idempotencyScope(command.metadata.actor, command.metadata.tenant, key) : undefined;
    const fingerprint = key ? commandFingerprint(command) : null;
    // A cached fold is used without reading the store: the append's revision check is what
    // validates it. Until a store read confirms it ("verified"), any answer other than an append
    // (a refusal, a no-op, an If-Match mismatch) is decided again on the store's state, because
    // another process may have moved the stream since the fold was cached.
    let cached = options.newStream ? this.freshFold<S>(decider) : this.currentFold<S>(decider, streamId);
    for (let attempt = 1; ; attempt++) {
      const verified = cached === undefined;
      const fold = cached ?? (await this.catchUp(decider, streamId));
      cached = undefined;
      const epoch = this.epochs.get(fold);
      const { revision } = fold;
      // The key first: a retried request that succeeded replays, even with a now-stale If-Match.
      // (A key in a fold is a fact, cached or not; a key missing from a stale fold is found after
      // the append fails its revision check.)
      const first = scope ? fold.keys.get(scope) : undefined;
      if (first) {
        if (first.fingerprint !== null && first.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(streamId, key!, first.revision);
        return this.replay(fold, streamId, first);
      }
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        if (!verified) continue;
        throw new RevisionConflictError(streamId, options.expectedRevision, revision);
      }

      let decided: E[];
      try {
        decided = decider.decide(command, fold.state);
      } catch (error) {
        if (!verified && !(error instanceof DecisionNeedsInput)) continue;
        throw error;
      }
      if (decided.length === 0 && !verified) continue;
      let state = fold.state;
      let previousHash = fold.lastHash;
      const toAppend = decided.map((event, i) => {
        state = decider.evolve(state, event);
        const data = envelop(event, {
          id: this.ids.next(),
          streamId,
          revision: revision + 1n + BigInt(i),
          actor: command.metadata.actor,
          tenant: command.metadata.tenant,
          occurredAt: command.metadata.now,
          correlationId: options.correlationId ?? commandId,
          causationId: options.causationId ?? commandId,
          machine: decider.machineOf?.(state) ?? null,
          idempotencyKey: key ?? null,
          commandFingerprint: fingerprint,
          previousHash,
          schemaVersion: this.upcasters.currentVersion(event.type),
        });
        previousHash = (data.metadata as { hash: string }).hash;
        return data;
      });
      if (toAppend.length === 0) return { streamId, state, revision, events: [], replayed: false };
      try {
        const result = await this.store.appendToStream(streamId, toAppend, { expectedRevision: revision === -1n ? NO_STREAM : revision });
        const events = toAppend.map((data, i) => written<E>(data, streamId, revision + 1n + BigInt(i)));
        foldInto(fold, decider, this.folder, events);
        this.folds.set(decider, streamId, fold);
        // Still the epoch it was read or last validated at: this append is this pipeline's own.
        if (epoch !== undefined) this.epochs.set(fold, epoch);
        return { streamId, state: fold.state, revision: result.nextExpectedRevision, events, position: result.position, replayed: false };
      } catch (error) {
        // Another writer got there first: catch up from the store and look again (the key may
        // now be there, an If-Match now answers 409 with the true revision), then decide again.
        if (error instanceof WrongExpectedVersionError) this.conflicted(streamId, options);
        if (error instanceof WrongExpectedVersionError && attempt < this.maxAttempts) continue;
        if (error instanceof WrongExpectedVersionError) {
          throw new RevisionConflictError(streamId, revision, error.actual === 'no_stream' ? -1n : error.actual);
        }
        throw error;
      }
    }
  }

  /**
   * An append of this command met another writer's events (its revision check failed). For a
   * subclass that counts: `options` is the object the command's run was given, one per command.
   */
  protected conflicted(_streamId: string, _options: CommandOptions): void {}

  /** The first result of a key, read back from the store: the fold keeps revisions, not events. */
  private async replay<S, E extends DomainEvent>(fold: FoldedStream<S>, streamId: string, first: KeyedWrite): Promise<CommandResult<S, E>> {
    let recorded: RecordedEvent[] = [];
    try {
      recorded = await this.store.readStream(streamId, { fromRevision: first.revision, maxCount: first.count });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const events = recorded.map((e) => this.view(unwrap<E>(e)));
    return { streamId, state: fold.state, revision: fold.revision, events, position: recorded.at(-1)?.position, replayed: true };
  }

  /** An event in the current schema, or as stored when it is newer than this build. */
  private view<E extends DomainEvent>(event: StoredEvent<E>): StoredEvent<E> {
    return (this.upcasters.upcast(event) as StoredEvent<E> | undefined) ?? event;
  }

  /** An empty fold for a stream expected not to exist, at the store's change epoch of now. */
  private freshFold<S>(evolver: Evolver<DomainEvent, S>): FoldedStream<S> {
    const fold = emptyFold(evolver);
    const epoch = this.store.changeEpoch?.();
    if (epoch !== undefined) this.epochs.set(fold, epoch);
    return fold;
  }

  /**
   * The cached fold when it may be used without reading the store: the store's change epoch is
   * the one the fold was read or written at (no delete, metadata or other process since).
   */
  private currentFold<S>(evolver: object, streamId: string): FoldedStream<S> | undefined {
    if (!this.store.changeEpoch) return undefined;
    const cached = this.folds.get<S>(evolver, streamId);
    if (!cached) return undefined;
    const epoch = this.epochs.get(cached);
    return epoch !== undefined && epoch === this.store.changeEpoch() ? cached : undefined;
  }

  /**
   * The stream's fold, brought up to date with the events written since it was cached.
   * (A stream soft-deleted and recreated while cached would fold its new events onto the old
   * state; the engine never soft-deletes ticket streams, which are an audit log.)
   */
  private async catchUp<E extends DomainEvent, S>(evolver: Evolver<E, S>, streamId: string): Promise<FoldedStream<S>> {
    // Taken before the read: a change after it makes the next command read again.
    const epoch = this.store.changeEpoch?.();
    const cached = this.folds.get<S>(evolver, streamId);
    const fold = cached ?? emptyFold(evolver);
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(streamId, { fromRevision: fold.revision + 1n });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      // Deleted since it was cached: forget the fold and start again from nothing.
      if (cached) {
        this.folds.delete(streamId);
        return this.catchUp(evolver, streamId);
      }
      if (epoch !== undefined) this.epochs.set(fold, epoch);
      return fold;
    }
    if (recorded.length > 0 || !cached) {
      foldInto(fold, evolver, this.folder, recorded.map((e) => unwrap(e)));
      this.folds.set(evolver, streamId, fold);
    }
    if (epoch !== undefined) this.epochs.set(fold, epoch);
    return fold;
  }
}

function written<E extends DomainEvent>(data: EventData, streamId: string, revision: bigint): WrittenEvent<E> {
  return {
    id: data.id,
    type: data.type as E['type'],
    data: data.data as E['data'],
    envelope: data.metadata as unknown as EventEnvelope,
    streamId,
    revision,
  };
}

/** Injection token of the pipeline. */
export const COMMAND_PIPELINE = Symbol('COMMAND_PIPELINE');
