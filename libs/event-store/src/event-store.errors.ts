import type { ExpectedRevision, StreamRevision } from './event-store.port';

/** The current revision of a stream, as EventStoreDB reports it in a wrong-expected-version error. */
export type ActualRevision = StreamRevision | 'no_stream';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

export class StreamDeletedError extends EventStoreError {
  readonly code = 'EVENT_STORE.STREAM_DELETED';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is permanently deleted (tombstoned)`);
    this.name = 'StreamDeletedError';
  }
}

export class InvalidEventStoreArgumentError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_ARGUMENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventStoreArgumentError';
  }
}

/**
 * The store's storage is full (SQLite: SQLITE_FULL, a disk or `max_page_count` limit). Nothing of
 * the failed write is stored; the store stays consistent and accepts writes again once space is
 * freed, so a client may retry later.
 */
export class StorageFullError extends EventStoreError {
  readonly code = 'EVENT_STORE.STORAGE_FULL';
  readonly retryable = true;
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StorageFullError';
  }
}

/**
 * The store could not take the write now (the file is locked by another process beyond the busy
 * wait, an I/O error, out of memory, a deadline passed). Nothing of the failed write is stored;
 * retrying the same append (same event ids) is safe, since a re-append is idempotent.
 */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StoreUnavailableError';
  }
}
