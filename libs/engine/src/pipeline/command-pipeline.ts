import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@itil/event-store';
import type { EventData } from '@itil/event-store';
import type { DomainEvent, EventEnvelope, StoredEvent } from '../envelope/event-envelope';
import { envelop, unwrap } from '../envelope/envelope-codec';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Command, Decider } from './decider';
import { KeyedMutex } from './keyed-mutex';
import { RevisionConflictError } from './pipeline.errors';

export interface CommandOptions {
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /** The revision the caller last saw (HTTP If-Match): a mismatch is a 409, never retried. */
  expectedRevision?: bigint;
}

/** A written event as the writer knows it: the store assigns positions per adapter. */
export type WrittenEvent<E extends DomainEvent> = Omit<StoredEvent<E>, 'position' | 'recordedAt'>;

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

/**
 * Load, fold, decide, append with the expected revision, retry on conflict: written once, used
 * by every process. Handlers hold no rules; deciders hold no I/O.
 */
export class CommandPipeline {
  private readonly streams = new KeyedMutex();

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    private readonly maxAttempts = 20,
  ) {}

  async run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: CommandOptions = {},
  ): Promise<CommandResult<S, E>> {
    return this.streams.run(streamId, () => this.runNow(decider, streamId, command, options));
  }

  private async runNow<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: CommandOptions,
  ): Promise<CommandResult<S, E>> {
    const commandId = this.ids.next();
    for (let attempt = 1; ; attempt++) {
      const history = (await this.load(streamId)).map((e) => unwrap<E>(e));
      const revision = history.length > 0 ? history[history.length - 1].revision : -1n;
      if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
        throw new RevisionConflictError(streamId, options.expectedRevision, revision);
      }
      let state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
      const first = options.idempotencyKey ? history.filter((e) => e.envelope.idempotencyKey === options.idempotencyKey) : [];
      if (first.length > 0) return { streamId, state, revision, events: first, replayed: true };

      const decided = decider.decide(command, state);
      let previousHash = history.length > 0 ? history[history.length - 1].envelope.hash : null;
      const toAppend = decided.map((event) => {
        state = decider.evolve(state, event);
        const data = envelop(event, {
          id: this.ids.next(),
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
        return { streamId, state, revision: result.nextExpectedRevision, events, position: result.position, replayed: false };
      } catch (error) {
        // Another writer got there first: reload and decide again on the new state.
        if (error instanceof WrongExpectedVersionError && options.expectedRevision === undefined && attempt < this.maxAttempts) continue;
        if (error instanceof WrongExpectedVersionError) {
          throw new RevisionConflictError(streamId, revision, error.actual === 'no_stream' ? -1n : error.actual);
        }
        throw error;
      }
    }
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
