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
