import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  END,
  START,
  type AllFilter,
  type AppendOptions,
  type AppendResult,
  type DeleteOptions,
  type DeleteResult,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type StreamMetadataResult,
  type StreamRevision,
  type SubscribeToAllOptions,
  type SubscribeToStreamOptions,
  type Subscription,
} from '../event-store.port';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { validateAppend, validateStreamId } from '../event-store.validation';
import {
  METADATA_EVENT_TYPE,
  decodeStreamMetadata,
  encodeStreamMetadata,
  metadataStreamOf,
} from '../stream-metadata.codec';
import { PullSubscription, type Page } from '../subscription/pull-subscription';
import { SCHEMA_SQL, TOMBSTONE_EVENT_TYPE, TOMBSTONE_REVISION } from './sqlite-schema';
import { GroupCommitQueue, type GroupCommitStats } from './group-commit-queue';
import type { SqliteEventStoreOptions } from './sqlite-event-store.options';

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: bigint;
}

interface StreamState {
  /** Revision of the last event ever written, undefined when none. */
  last: StreamRevision | undefined;
  tombstoned: boolean;
}

/** A stream a commit wrote to, and the type written: what wakes a subscription that follows it. */
interface Touch {
  streamId: string;
  type: string;
  position: bigint;
}

/** How many streams' write state the store keeps in memory (least recently written dropped first). */
const STREAM_STATES_KEPT = 50_000;

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';
const NOT_SYSTEM = "substr(type, 1, 1) <> '$'";

/**
 * The embedded adapter: one SQLite file in WAL mode, written by better-sqlite3 through a
 * group-commit queue (appends arriving together share one transaction, each under its own
 * savepoint and its own revision check, so one conflict fails only its own append).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly commitListeners = new Set<(touched: readonly Touch[]) => void>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly writes: GroupCommitQueue;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * Each written stream's last revision and tombstone, so an append checks its expected revision
   * without a query. Trusted only inside the write transaction and only while no other connection
   * has committed: `PRAGMA data_version` (which changes exactly when another connection commits)
   * is read under the write lock at the start of each transaction, and a change empties the map.
   * The UNIQUE (stream_id, revision) constraint stays the last line of defence.
   */
  private readonly streamStates = new Map<string, StreamState>();
  private readonly dataVersion: Database.Statement;
  private writeDataVersion: number | undefined;
  /** Bumped by every local delete, tombstone and metadata write: see changeEpoch. */
  private localEpoch = 0;
  /** Streams and types written by the transaction in progress, handed to subscriptions on commit. */
  private touched: Touch[] = [];
  /** Stream state, metadata and events read from one snapshot, even with writers in other processes. */
  private readonly readStreamInSnapshot: (streamId: string, options: ReadStreamOptions) => RecordedEvent[];

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5000, verbose: options.traceStatements as ((message?: unknown) => void) | undefined });
    this.db.pragma('journal_mode = WAL');
    // Set on every open: reopening a WAL file otherwise falls back to the build's default (NORMAL).
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    // How long a statement waits for a lock (opening a fresh file, reads during a WAL reset);
    // the write lock's own bounded wait is the group-commit queue's (mostly asynchronous).
    this.db.pragma(`busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5000)}`);
    this.db.exec(SCHEMA_SQL);
    if (options.maxPageCount !== undefined) this.db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 512;
    this.readStreamInSnapshot = this.db.transaction((streamId: string, options: ReadStreamOptions) => this.readStreamNow(streamId, options));
    this.dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    this.writes = new GroupCommitQueue(
      this.db,
      {
        began: () => this.beganWriting(),
        abandoned: () => this.streamStates.clear(),
        committed: () => {
          const touched = this.touched;
          this.touched = [];
          this.commitListeners.forEach((listener) => listener(touched));
        },
      },
      options.busyTimeoutMs ?? 5000,
    );
  }

  /**
   * A write for the group-commit queue. A write that throws is rolled back (to its savepoint, or
   * with its transaction), so what it touched is forgotten too: a subscription must never be told
   * of a position that was not committed.
   */
  private write<T>(run: () => T): Promise<T> {
    return this.writes.enqueue(() => {
      const mark = this.touched.length;
      try {
        return run();
      } catch (error) {
        this.touched.length = mark;
        throw error;
      }
    });
  }

  /** Whether another connection committed since `seen` was read from `PRAGMA data_version`. */
  private changedElsewhere(seen: unknown): boolean {
    return this.dataVersion.get() !== seen;
  }

  /** How group commit batched this store's writes so far: transactions by their number of writes. */
  groupCommitStats(): GroupCommitStats {
    return this.writes.stats();
  }

  changeEpoch(): string {
    return `${this.localEpoch}:${this.dataVersion.get() as number}`;
  }

  /** Under the write lock: forget every kept stream state if another connection committed since. */
  private beganWriting(): void {
    this.touched = [];
    const version = this.dataVersion.get() as number;
    if (version !== this.writeDataVersion) this.streamStates.clear();
    this.writeDataVersion = version;
  }

  /** The stream's state for a write (inside the write transaction): kept, or read and kept. */
  private writeState(streamId: string): StreamState {
    const kept = this.streamStates.get(streamId);
    if (kept) return kept;
    const state = this.streamState(streamId);
    this.keepState(streamId, state);
    return state;
  }

  private keepState(streamId: string, state: StreamState): void {
    this.streamStates.delete(streamId);
    this.streamStates.set(streamId, state);
    if (this.streamStates.size > STREAM_STATES_KEPT) this.streamStates.delete(this.streamStates.keys().next().value!);
  }

  /** The `synchronous` pragma actually in force (2 = FULL, 1 = NORMAL), for tests and health. */
  synchronousLevel(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      validateAppend(streamId, events);
    } catch (error) {
      return Promise.reject(error);
    }
    const expected = options.expectedRevision ?? 'any';
    return this.write(() => this.appendNow(streamId, events, expected));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    return this.readStreamInSnapshot(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllNow(options, false);
  }

  /**
   * The log as EventStoreDB's `$all` holds it: like readAll, plus the system events the port hides
   * (`$metadata` events of `$$<stream>`, tombstones). Not on the port: the EventStoreDB test double
   * serves it, so that the EventStoreDB adapter meets system events as it does on a server.
   */
  async readLog(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllNow(options, true);
  }

  private readAllNow(options: ReadAllOptions, withSystemEvents: boolean): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? END : START);
    const clauses = withSystemEvents ? ['1 = 1'] : [NOT_SYSTEM];
    const params: unknown[] = [];
    if (from !== START && from !== END) {
      clauses.push(backwards ? 'position < ?' : 'position >= ?');
      params.push(from);
    } else if ((backwards && from === START) || (!backwards && from === END)) {
      return [];
    }
    this.addFilter(options.filter, clauses, params);
    const sql = `SELECT ${COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    params.push(options.maxCount ?? -1);
    return (this.statement(sql).all(...params) as EventRow[]).map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const from = options.fromPosition ?? START;
    const clauses = ['position > ?', NOT_SYSTEM];
    const filterParams: unknown[] = [];
    this.addFilter(options.filter, clauses, filterParams);
    const sql = `SELECT ${COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position LIMIT ?`;
    // The data version when the last page was read. A local commit wakes the subscription when it
    // wrote something the subscription follows, or when another connection committed since that
    // read (as every local commit used to); a poll reads again only in the second case.
    let seen: unknown;
    const readPage = this.db.transaction((after: bigint): Page<bigint> => {
      seen = this.dataVersion.get();
      const rows = this.statement(sql).all(after, ...filterParams, this.pageSize) as EventRow[];
      const events = rows.map(toRecorded);
      if (rows.length === this.pageSize) return { events, cursor: rows[rows.length - 1].position, atEnd: false };
      // Caught up: the cursor moves to the head even past filtered-out and system events.
      const head = this.headPositionNow();
      return { events, cursor: head !== undefined && head > after ? head : after, atEnd: true };
    });
    return this.track(
      new PullSubscription<bigint>(
        {
          readPage: async (after) => readPage(after),
          onCommit: (listener) => this.listen((touched) => (touched.some((t) => follows(options.filter, t)) || this.changedElsewhere(seen)) && listener()),
          // The other commits: the head moves past events it does not follow, without a read.
          onQuietCommit: (listener) =>
            this.listen((touched) => {
              if (touched.length > 0 && !touched.some((t) => follows(options.filter, t)) && !this.changedElsewhere(seen)) listener(touched[touched.length - 1].position);
            }),
          pollIntervalMs: this.pollIntervalMs,
          pollNeeded: () => this.changedElsewhere(seen),
          onCheckpoint: options.onCheckpoint,
        },
        from === START ? 0n : from,
      ),
    );
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): Subscription {
    validateStreamId(streamId);
    const from = options.fromRevision ?? START;
    const metaStream = metadataStreamOf(streamId);
    let seen: unknown;
    const readPage = this.db.transaction((after: bigint): Page<bigint> => {
      seen = this.dataVersion.get();
      // The same read as readStream: what it hides ($tb, maxCount, maxAge, a soft delete) a
      // subscription does not deliver either, as in EventStoreDB; a tombstone throws.
      let events: RecordedEvent[];
      try {
        events = this.readStreamNow(streamId, { fromRevision: after + 1n, maxCount: this.pageSize });
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
        events = [];
      }
      const cursor = events.length > 0 ? events[events.length - 1].revision : after;
      return { events, cursor, atEnd: events.length < this.pageSize };
    });
    return this.track(
      new PullSubscription<bigint>(
        {
          readPage: async (after) => readPage(after),
          onCommit: (listener) =>
            this.listen((touched) => (touched.some((t) => t.streamId === streamId || t.streamId === metaStream) || this.changedElsewhere(seen)) && listener()),
          pollIntervalMs: this.pollIntervalMs,
          pollNeeded: () => this.changedElsewhere(seen),
        },
        from === START ? -1n : from,
      ),
    );
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadataResult> {
    validateStreamId(streamId);
    const row = this.lastMetadataRow(streamId);
    if (!row) return { streamId, metadata: {} };
    return { streamId, metadata: decodeStreamMetadata(JSON.parse(row.data)), metaRevision: row.revision };
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata, options: AppendOptions = {}): Promise<AppendResult> {
    const event: EventData = { id: crypto.randomUUID(), type: METADATA_EVENT_TYPE, data: encodeStreamMetadata(metadata) };
    return this.appendToStream(metadataStreamOf(streamId), [event], options);
  }

  deleteStream(streamId: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    validateStreamId(streamId);
    return this.write(() => {
      const state = this.checkWritable(streamId, options.expectedRevision ?? 'any');
      // Soft delete = truncate everything written so far; a later append recreates the stream
      // and its revisions continue where they left off, as in EventStoreDB.
      const current = this.lastMetadataRow(streamId);
      const metadata = current ? decodeStreamMetadata(JSON.parse(current.data)) : {};
      const truncated = encodeStreamMetadata({ ...metadata, truncateBefore: (state.last ?? -1n) + 1n });
      const metaStream = metadataStreamOf(streamId);
      const metaRevision = current ? current.revision + 1n : 0n;
      this.localEpoch += 1;
      const position = this.insert(metaStream, metaRevision, crypto.randomUUID(), METADATA_EVENT_TYPE, truncated, {});
      return { position };
    });
  }

  tombstoneStream(streamId: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    validateStreamId(streamId);
    return this.write(() => {
      const state = this.checkWritable(streamId, options.expectedRevision ?? 'any');
      this.localEpoch += 1;
      const position = this.insert(streamId, TOMBSTONE_REVISION, crypto.randomUUID(), TOMBSTONE_EVENT_TYPE, {}, {});
      this.keepState(streamId, { last: state.last, tombstoned: true });
      return { position };
    });
  }

  async headPosition(): Promise<Position | undefined> {
    return this.headPositionNow();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.writes.drain();
    if (this.db.open) this.db.close();
  }

  // --- writes (run inside the group-commit transaction, each under its own savepoint) ---

  private appendNow(streamId: string, events: EventData[], expected: ExpectedRevision): AppendResult {
    if (events.length === 0) return this.emptyAppend(streamId, expected);
    const state = this.writeState(streamId);
    if (state.tombstoned) throw new StreamDeletedError(streamId);
    const retried = this.idempotentRetry(streamId, events, expected, state);
    if (retried) return retried;
    this.checkExpected(streamId, expected, state);
    let revision = state.last ?? -1n;
    let position = 0n;
    const recordedAt = this.now().getTime();
    for (const event of events) {
      revision += 1n;
      position = this.insert(streamId, revision, event.id, event.type, event.data, event.metadata ?? {}, recordedAt);
    }
    if (streamId.startsWith('$$')) this.localEpoch += 1;
    // Last, after every insert succeeded: a write that throws leaves the kept state as it was.
    this.keepState(streamId, { last: revision, tombstoned: false });
    return { nextExpectedRevision: revision, position };
  }

  /** EventStoreDB accepts an append of no events: it checks the revision and writes nothing. */
  private emptyAppend(streamId: string, expected: ExpectedRevision): AppendResult {
    const state = this.checkWritable(streamId, expected);
    return { nextExpectedRevision: state.last ?? -1n, position: this.headPositionNow() ?? 0n };
  }

  private checkExpected(streamId: string, expected: ExpectedRevision, state: StreamState): void {
    const actual = state.last ?? 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && state.last === undefined) ||
      (expected === 'stream_exists' && state.last !== undefined) ||
      (typeof expected === 'bigint' && state.last === expected);
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
  }

  /**
   * EventStoreDB's idempotency check (KurrentDB `IndexWriter.CheckCommit`), so that a client may
   * retry an append whose answer it lost. Answers the original result for a retry, undefined for
   * an append to write, and throws WrongExpectedVersion for a retry that does not match.
   * - `any` and `stream_exists` (the "weak" check: the request does not say where the events go):
   *   each id is looked up in the stream. The first id not there: a new append, written (even if
   *   a later id was written before, as the server does). The first id there but a later one not:
   *   wrong expected version. All there: a no-op answering the revision and position of the
   *   event of the last id given. (The server looks in its cache of recently committed events;
   *   here the whole stream is that cache.)
   * - an exact revision or `no_stream` below the stream's revision (the "strong" check): the ids
   *   must be the events right after the expected revision, in order. All of them: a no-op
   *   answering the last one's revision and position; any difference: wrong expected version.
   */
  private idempotentRetry(
    streamId: string,
    events: EventData[],
    expected: ExpectedRevision,
    state: StreamState,
  ): AppendResult | undefined {
    if (state.last === undefined) return undefined;
    if (expected === 'any' || expected === 'stream_exists') {
      let found: Pick<EventRow, 'revision' | 'position'> | undefined;
      for (const [i, event] of events.entries()) {
        const row = this.statement(
          'SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ? ORDER BY revision DESC LIMIT 1',
        ).get(streamId, event.id) as Pick<EventRow, 'revision' | 'position'> | undefined;
        if (!row && i === 0) return undefined;
        if (!row) throw new WrongExpectedVersionError(streamId, expected, state.last);
        found = row;
      }
      return found && { nextExpectedRevision: found.revision, position: found.position };
    }
    const after = expected === 'no_stream' ? -1n : expected;
    if (after >= state.last) return undefined;
    const rows = this.statement(
      'SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision > ? AND revision < ? ORDER BY revision LIMIT ?',
    ).all(streamId, after, TOMBSTONE_REVISION, events.length) as Pick<EventRow, 'event_id' | 'revision' | 'position'>[];
    const same = rows.length === events.length && rows.every((row, i) => row.event_id === events[i].id);
    if (!same) throw new WrongExpectedVersionError(streamId, expected, state.last);
    const last = rows[rows.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** The stream is not tombstoned and is at the expected revision. */
  private checkWritable(streamId: string, expected: ExpectedRevision): StreamState {
    const state = this.writeState(streamId);
    if (state.tombstoned) throw new StreamDeletedError(streamId);
    this.checkExpected(streamId, expected, state);
    return state;
  }

  private insert(
    streamId: string,
    revision: bigint,
    eventId: string,
    type: string,
    data: object,
    metadata: object,
    recordedAt = this.now().getTime(),
  ): bigint {
    let info: Database.RunResult;
    try {
      info = this.insertEvent.run(streamId, revision, eventId, type, JSON.stringify(data), JSON.stringify(metadata), recordedAt);
    } catch (error) {
      // The kept state was wrong (it never should be): forget it, the next write reads the file.
      this.streamStates.delete(streamId);
      throw error;
    }
    const position = BigInt(info.lastInsertRowid);
    this.touched.push({ streamId, type, position });
    return position;
  }

  // --- reads ---

  private readStreamNow(streamId: string, options: ReadStreamOptions): RecordedEvent[] {
    const state = this.streamState(streamId);
    if (state.tombstoned) throw new StreamDeletedError(streamId);
    const metadata = this.metadataOf(streamId);
    let lowest = metadata.truncateBefore ?? 0n;
    if (state.last !== undefined && metadata.maxCount !== undefined) {
      const keep = state.last - BigInt(metadata.maxCount) + 1n;
      if (keep > lowest) lowest = keep;
    }
    if (state.last === undefined || state.last < lowest) throw new StreamNotFoundError(streamId);
    const minRecordedAt = metadata.maxAge !== undefined ? this.now().getTime() - metadata.maxAge * 1000 : 0;
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? END : START);
    const limit = options.maxCount ?? -1;
    if (backwards) {
      const upper = from === END ? state.last : from === START ? 0n : from;
      return (
        this.statement(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND revision >= ? AND revision < ? AND recorded_at >= ? ORDER BY revision DESC LIMIT ?`,
        ).all(streamId, upper, lowest, TOMBSTONE_REVISION, minRecordedAt, limit) as EventRow[]
      ).map(toRecorded);
    }
    const start = from === START ? 0n : from === END ? state.last + 1n : from;
    return (
      this.statement(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision < ? AND recorded_at >= ? ORDER BY revision ASC LIMIT ?`,
      ).all(streamId, start > lowest ? start : lowest, TOMBSTONE_REVISION, minRecordedAt, limit) as EventRow[]
    ).map(toRecorded);
  }

  private streamState(streamId: string): StreamState {
    const rows = this.statement('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 2').all(streamId) as {
      revision: bigint;
    }[];
    if (rows.length === 0) return { last: undefined, tombstoned: false };
    if (rows[0].revision === TOMBSTONE_REVISION) return { last: rows[1]?.revision, tombstoned: true };
    return { last: rows[0].revision, tombstoned: false };
  }

  private lastMetadataRow(streamId: string): EventRow | undefined {
    return this.statement(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`).get(
      metadataStreamOf(streamId),
    ) as EventRow | undefined;
  }

  private metadataOf(streamId: string): StreamMetadata {
    const row = this.lastMetadataRow(streamId);
    return row ? decodeStreamMetadata(JSON.parse(row.data)) : {};
  }

  private headPositionNow(): bigint | undefined {
    const row = this.statement('SELECT MAX(position) AS head FROM events').get() as { head: bigint | null };
    return row.head ?? undefined;
  }

  private addFilter(filter: AllFilter | undefined, clauses: string[], params: unknown[]): void {
    if (!filter) return;
    const any: string[] = [];
    for (const type of filter.eventTypes ?? []) {
      any.push('type = ?');
      params.push(type);
    }
    for (const prefix of filter.streamNamePrefixes ?? []) {
      any.push('substr(stream_id, 1, ?) = ?');
      params.push(prefix.length, prefix);
    }
    if (any.length > 0) clauses.push(`(${any.join(' OR ')})`);
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (statement.reader) statement.safeIntegers(true);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get insertEvent(): Database.Statement {
    return this.statement('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  private listen(listener: (touched: readonly Touch[]) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private track(subscription: Subscription): Subscription {
    this.subscriptions.add(subscription);
    const unsubscribe = subscription.unsubscribe.bind(subscription);
    subscription.unsubscribe = async () => {
      this.subscriptions.delete(subscription);
      await unsubscribe();
    };
    return subscription;
  }
}

/** Whether a subscription to `$all` with this filter delivers an event of this stream and type. */
function follows(filter: AllFilter | undefined, touch: Touch): boolean {
  if (touch.type.startsWith('$')) return false;
  if (!filter || (!filter.eventTypes?.length && !filter.streamNamePrefixes?.length)) return true;
  return (filter.eventTypes ?? []).includes(touch.type) || (filter.streamNamePrefixes ?? []).some((prefix) => touch.streamId.startsWith(prefix));
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    id: row.event_id,
    type: row.type,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: new Date(Number(row.recorded_at)),
  };
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}
