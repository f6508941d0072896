import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventData, type EventStore, type RecordedEvent } from '@itil/event-store';
import type { DomainEvent, EventEnvelope } from '../envelope/event-envelope';
import { envelop, unwrap } from '../envelope/envelope-codec';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Command, Decider } from './decider';
import { FoldedStreamCache, emptyFold, foldInto, type FoldedStream, type WrittenEvent } from './folded-stream-cache';
import { KeyedMutex } from './keyed-mutex';
import { RevisionConflictError } from './pipeline.errors';

export type { WrittenEvent } from './folded-stream-cache';

export interface CommandOptions {
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /** The revision the caller last saw (HTTP If-Match): a mismatch is a 409, never retried. */
  expectedRevision?: bigint;
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
}

/**
 * Load, fold, decide, append with the expected revision, retry on conflict: written once, used
 * by every process. Handlers hold no rules; deciders hold no I/O.
 */
export class CommandPipeline {
  private readonly streams = new KeyedMutex();
  private readonly folds: FoldedStreamCache;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    options: CommandPipelineOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
    this.folds = new FoldedStreamCache(options.cachedStreams ?? 10_000);
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

  /** Every event of a stream, oldest first; an unknown stream is an empty history. */
  async load(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async runNow<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: CommandOptions,
  ): Promise<CommandResult<S, E>> {
    const commandId = this.ids.next();
    for (let attempt = 1; ; attempt++) {
      const fold = await this.catchUp(decider, streamId);
      const { revision } = fold;
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        throw new RevisionConflictError(streamId, options.expectedRevision, revision);
      }
      const first = options.idempotencyKey ? fold.byIdempotencyKey.get(options.idempotencyKey) : undefined;
      if (first) return { streamId, state: fold.state, revision, events: first, replayed: true };

      let state = fold.state;
      let previousHash = fold.lastHash;
      const toAppend = decider.decide(command, state).map((event, i) => {
        state = decider.evolve(state, event);
        const data = envelop(event, {
          id: this.ids.next(),
          streamId,
          revision: revision + 1n + BigInt(i),
          actor: command.metadata.actor,
          occurredAt: command.metadata.now,
          correlationId: options.correlationId ?? commandId,
          causationId: options.causationId ?? commandId,
          machine: decider.machineOf?.(state) ?? null,
          idempotencyKey: options.idempotencyKey ?? null,
          previousHash,
        });
        previousHash = (data.metadata as { hash: string }).hash;
        return data;
      });
      if (toAppend.length === 0) return { streamId, state, revision, events: [], replayed: false };
      try {
        const result = await this.store.appendToStream(streamId, toAppend, { expectedRevision: revision === -1n ? NO_STREAM : revision });
        const events = toAppend.map((data, i) => written<E>(data, streamId, revision + 1n + BigInt(i)));
        foldInto(fold, decider, events);
        return { streamId, state: fold.state, revision: result.nextExpectedRevision, events, position: result.position, replayed: false };
      } catch (error) {
        // Another writer got there first: catch up and decide again on the new state.
        if (error instanceof WrongExpectedVersionError && options.expectedRevision === undefined && attempt < this.maxAttempts) continue;
        if (error instanceof WrongExpectedVersionError) {
          throw new RevisionConflictError(streamId, revision, error.actual === 'no_stream' ? -1n : error.actual);
        }
        throw error;
      }
    }
  }

  /**
   * The stream's fold, brought up to date with the events written since it was cached.
   * (A stream soft-deleted and recreated while cached would fold its new events onto the old
   * state; the engine never soft-deletes ticket streams, which are an audit log.)
   */
  private async catchUp<E extends DomainEvent, S>(decider: Decider<never, E, S>, streamId: string): Promise<FoldedStream<S, E>> {
    const cached = this.folds.get(decider, streamId);
    const fold = cached ?? emptyFold(decider);
    let recorded: RecordedEvent[];
    try {
      recorded = await this.store.readStream(streamId, { fromRevision: fold.revision + 1n });
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
      // Deleted since it was cached: forget the fold and start again from nothing.
      if (cached) this.folds.delete(streamId);
      return cached ? this.catchUp(decider, streamId) : fold;
    }
    foldInto(fold, decider, recorded.map((e) => unwrap<E>(e)));
    this.folds.set(decider, streamId, fold);
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
