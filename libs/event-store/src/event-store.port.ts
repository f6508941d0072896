/**
 * The event-store port. It speaks EventStoreDB's language so that the EventStoreDB adapter maps
 * onto it 1:1 and the embedded adapter reproduces the same observable behaviour:
 * - streams hold events at 0-based bigint revisions;
 * - `$all` orders every event of every stream by a global, strictly increasing bigint position
 *   (EventStoreDB's commit position);
 * - appends carry an expected revision (`any`, `no_stream`, `stream_exists` or an exact revision)
 *   and are atomic;
 * - streams whose name starts with `$` are system streams: `$all` reads and subscriptions never
 *   return their events (like the client's `excludeSystemEvents()` filter).
 */
import type { Observable } from 'rxjs';

export type StreamRevision = bigint;
export type Position = bigint;

export const ANY = 'any' as const;
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;
export type ExpectedRevision = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | StreamRevision;

export const START = 'start' as const;
export const END = 'end' as const;
export type Direction = 'forwards' | 'backwards';

/** Data and metadata are JSON documents. */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** An event about to be appended. `id` is a UUID chosen by the writer: it makes retries idempotent. */
export interface EventData {
  id: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

/** An event as stored. `recordedAt` is the store's own commit time (EventStoreDB's `created`). */
export interface RecordedEvent {
  streamId: string;
  id: string;
  type: string;
  revision: StreamRevision;
  position: Position;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: Date;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream: pass it as `expectedRevision` next time. */
  nextExpectedRevision: StreamRevision;
  /** The `$all` position of the last event written by this append. */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive in both directions. Defaults to `start` forwards and `end` backwards. */
  fromRevision?: StreamRevision | typeof START | typeof END;
  maxCount?: number;
}

/** Server-side filter on `$all`: an event passes when it matches any listed type or any listed prefix. */
export interface AllFilter {
  eventTypes?: string[];
  streamNamePrefixes?: string[];
}

export interface ReadAllOptions {
  direction?: Direction;
  /**
   * Forwards: events at or after this position. Backwards: events strictly before it.
   * (A position is a cursor between events, as in EventStoreDB.)
   */
  fromPosition?: Position | typeof START | typeof END;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription delivers events after this position. Defaults to `start`. */
  fromPosition?: Position | typeof START;
  filter?: AllFilter;
  /**
   * Called with the position the subscription has read up to, also when filtered-out events were
   * skipped, so that a projection can checkpoint without waiting for a matching event.
   */
  onCheckpoint?: (position: Position) => void | Promise<void>;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: the subscription delivers events after this revision. Defaults to `start`. */
  fromRevision?: StreamRevision | typeof START;
}

/**
 * A catch-up subscription: history first, then live events, with no gap and no duplicate.
 * Iterate it with `for await`, or turn it into an Observable with `toObservable()`.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Resolves once history has been delivered and the subscription is live. */
  readonly caughtUp: Promise<void>;
  toObservable(): Observable<RecordedEvent>;
  unsubscribe(): Promise<void>;
}

/** Stream metadata, EventStoreDB's system keys by their plain names plus custom keys. */
export interface StreamMetadata {
  maxCount?: number;
  /** Seconds. */
  maxAge?: number;
  /** Events below this revision are hidden from reads of the stream. */
  truncateBefore?: StreamRevision;
  cacheControl?: number;
  custom?: JsonObject;
}

export interface StreamMetadataResult {
  streamId: string;
  metadata: StreamMetadata;
  /** Revision of the metadata stream, `undefined` when no metadata has ever been written. */
  metaRevision?: StreamRevision;
}

export interface DeleteOptions {
  /** Defaults to `any`. */
  expectedRevision?: ExpectedRevision;
}

export interface DeleteResult {
  position: Position;
}

export interface EventStore {
  appendToStream(streamId: string, events: EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream has no visible events, StreamDeletedError when tombstoned. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToStream(streamId: string, options?: SubscribeToStreamOptions): Subscription;
  getStreamMetadata(streamId: string): Promise<StreamMetadataResult>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata, options?: AppendOptions): Promise<AppendResult>;
  /** Soft delete: reads say not-found, old events stay hidden, a later append recreates the stream. */
  deleteStream(streamId: string, options?: DeleteOptions): Promise<DeleteResult>;
  /** Tombstone: permanent; every later read or append of the stream throws StreamDeletedError. */
  tombstoneStream(streamId: string, options?: DeleteOptions): Promise<DeleteResult>;
  /** The position of the last event in `$all` (0n-based), or `undefined` when the store is empty. */
  headPosition(): Promise<Position | undefined>;
  /**
   * Optional, synchronous and cheap. A value that stays the same while the only changes to the
   * store have been this instance's own appends to ordinary streams; anything else (a delete, a
   * tombstone, stream metadata, any write by another process or connection) changes it. A cache
   * of folded streams may use a fold without reading its stream while the value is unchanged:
   * appends are validated by the revision check, but a soft delete keeps revisions, so only this
   * value tells. An adapter that cannot tell omits it (caches then read before every command).
   */
  changeEpoch?(): string;
  close(): Promise<void>;
}

/** Nest injection token for the port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
