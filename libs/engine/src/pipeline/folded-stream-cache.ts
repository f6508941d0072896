import type { DomainEvent, StoredEvent } from '../envelope/event-envelope';
import type { Evolver } from './decider';
import type { EventFolder } from './event-folder';
import { idempotencyScope } from './idempotency';

/** A written event as the writer knows it: the store assigns positions per adapter. */
export type WrittenEvent<E extends DomainEvent> = Omit<StoredEvent<E>, 'position' | 'recordedAt'>;

/**
 * Where one idempotency key's command wrote, and what that command was: ids and revisions, never
 * the events themselves (a replay reads them back from the store).
 */
export interface KeyedWrite {
  /** Null for events written before fingerprints existed: such a key replays on the key alone. */
  fingerprint: string | null;
  revision: bigint;
  count: number;
}

/** What the pipeline knows of a stream: its state folded up to `revision`. */
export interface FoldedStream<S> {
  revision: bigint;
  state: S;
  lastHash: string | null;
  /** By idempotency scope (actor, tenant and key): see idempotency.ts. */
  keys: Map<string, KeyedWrite>;
  /** Estimated bytes `keys` holds, so the cache can bound them. */
  keyBytes: number;
}

export const emptyFold = <S>(evolver: Pick<Evolver<never, S>, 'initialState'>): FoldedStream<S> => ({
  revision: -1n,
  state: evolver.initialState(),
  lastHash: null,
  keys: new Map(),
  keyBytes: 0,
});

/** Rough heap cost of one key entry: two strings (UTF-16) and a small object in a Map. */
const keyEntryBytes = (scope: string, fingerprint: string | null) => 2 * scope.length + 2 * (fingerprint?.length ?? 0) + 120;

/** Folds events that follow `fold.revision` into it, in place (unknown events are skipped). */
export function foldInto<E extends DomainEvent, S>(fold: FoldedStream<S>, evolver: Evolver<E, S>, folder: EventFolder, events: readonly WrittenEvent<DomainEvent>[]): void {
  for (const event of events) {
    fold.state = folder.apply(evolver, fold.state, event);
    fold.revision = event.revision;
    fold.lastHash = event.envelope.hash;
    const key = event.envelope.idempotencyKey;
    if (!key) continue;
    const scope = idempotencyScope(event.envelope.actor, event.envelope.tenant, key);
    const seen = fold.keys.get(scope);
    if (seen) {
      // The further events of the same command (one append, so contiguous); a later reuse by
      // another writer keeps the first result.
      if (seen.revision + BigInt(seen.count) === event.revision) seen.count += 1;
      continue;
    }
    const fingerprint = event.envelope.commandFingerprint ?? null;
    fold.keys.set(scope, { fingerprint, revision: event.revision, count: 1 });
    fold.keyBytes += keyEntryBytes(scope, fingerprint);
  }
}

export interface FoldedStreamCacheOptions {
  /** How many streams' folds to keep (0 keeps none). */
  streams?: number;
  /** How many bytes of idempotency keys all cached folds may hold together. */
  keyBytes?: number;
}

/**
 * The latest fold of recently used streams, so a command reads only the events written since
 * (usually none) instead of the whole stream. Safe because every append still checks the
 * revision: a fold made stale by another process fails its append and is caught up, never used.
 * Bounded by streams and by the bytes of idempotency keys the folds hold: the least recently
 * used stream is dropped first (a dropped fold is rebuilt from the store when next used).
 */
export class FoldedStreamCache {
  private readonly entries = new Map<string, { evolver: object; fold: FoldedStream<unknown>; keyBytes: number }>();
  private readonly maxStreams: number;
  private readonly maxKeyBytes: number;
  private totalKeyBytes = 0;

  constructor(options: FoldedStreamCacheOptions | number = {}) {
    const o = typeof options === 'number' ? { streams: options } : options;
    this.maxStreams = o.streams ?? 10_000;
    this.maxKeyBytes = o.keyBytes ?? 32 * 1024 * 1024;
  }

  get<S>(evolver: object, streamId: string): FoldedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.evolver !== evolver) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.fold as FoldedStream<S>;
  }

  /** Stores (or refreshes, after the fold grew in place) a stream's fold. */
  set<S>(evolver: object, streamId: string, fold: FoldedStream<S>): void {
    this.delete(streamId);
    if (this.maxStreams === 0) return;
    this.entries.set(streamId, { evolver, fold: fold as FoldedStream<unknown>, keyBytes: fold.keyBytes });
    this.totalKeyBytes += fold.keyBytes;
    while (this.entries.size > this.maxStreams || (this.totalKeyBytes > this.maxKeyBytes && this.entries.size > 0)) {
      this.delete(this.entries.keys().next().value!);
    }
  }

  delete(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.totalKeyBytes -= entry.keyBytes;
    this.entries.delete(streamId);
  }

  /** Streams and estimated key bytes held now (for tests and health). */
  size(): { streams: number; keyBytes: number } {
    return { streams: this.entries.size, keyBytes: this.totalKeyBytes };
  }
}
