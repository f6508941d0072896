import type { DomainEvent, StoredEvent } from '../envelope/event-envelope';
import type { Decider } from './decider';

/** A written event as the writer knows it: the store assigns positions per adapter. */
export type WrittenEvent<E extends DomainEvent> = Omit<StoredEvent<E>, 'position' | 'recordedAt'>;

/** What the pipeline knows of a stream: its state folded up to `revision`. */
export interface FoldedStream<S, E extends DomainEvent> {
  revision: bigint;
  state: S;
  lastHash: string | null;
  /** Events each idempotency key wrote, so that a repeated key answers with them. */
  byIdempotencyKey: Map<string, WrittenEvent<E>[]>;
}

export const emptyFold = <S, E extends DomainEvent>(decider: Decider<never, E, S>): FoldedStream<S, E> => ({
  revision: -1n,
  state: decider.initialState(),
  lastHash: null,
  byIdempotencyKey: new Map(),
});

/** Folds events that follow `fold.revision` into it, in place. */
export function foldInto<S, E extends DomainEvent>(fold: FoldedStream<S, E>, decider: Decider<never, E, S>, events: WrittenEvent<E>[]): void {
  for (const event of events) {
    fold.state = decider.evolve(fold.state, { type: event.type, data: event.data } as E);
    fold.revision = event.revision;
    fold.lastHash = event.envelope.hash;
    const key = event.envelope.idempotencyKey;
    if (key) fold.byIdempotencyKey.set(key, [...(fold.byIdempotencyKey.get(key) ?? []), event]);
  }
}

/**
 * The latest fold of recently used streams, so a command reads only the events written since
 * (usually none) instead of the whole stream. Safe because every append still checks the
 * revision: a fold made stale by another process fails its append and is caught up, never used.
 * Bounded: the least recently used stream is dropped first.
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, { decider: object; fold: FoldedStream<unknown, DomainEvent> }>();

  constructor(private readonly capacity = 10_000) {}

  get<S, E extends DomainEvent>(decider: Decider<never, E, S>, streamId: string): FoldedStream<S, E> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.fold as unknown as FoldedStream<S, E>;
  }

  set<S, E extends DomainEvent>(decider: Decider<never, E, S>, streamId: string, fold: FoldedStream<S, E>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { decider, fold: fold as unknown as FoldedStream<unknown, DomainEvent> });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
