import {
  AccessDeniedError,
  InvalidArgumentError,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  MaxAppendSizeExceededError,
} from '@eventstore/db-client';
import { EventStoreError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { fromClientActual, fromClientExpected } from './esdb-mapping';

/** The client's typed errors become the port's, keeping expected and actual revisions. */
export function toPortError(error: unknown, streamId: string): unknown {
  if (error instanceof ClientWrongExpectedVersionError) {
    return new WrongExpectedVersionError(
      error.streamName || streamId,
      fromClientExpected(error.expectedVersion),
      fromClientActual(error.actualVersion),
    );
  }
  if (error instanceof ClientStreamNotFoundError) return new StreamNotFoundError(streamId);
  if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(streamId);
  return error;
}

/**
 * Whether a dropped subscription is worth re-opening: a server that went away, a leader change,
 * a call the server cancelled. Answers about the data (deleted, denied, invalid) are final.
 */
export function isTransient(error: unknown): boolean {
  return !(
    error instanceof EventStoreError ||
    error instanceof ClientStreamDeletedError ||
    error instanceof ClientStreamNotFoundError ||
    error instanceof ClientWrongExpectedVersionError ||
    error instanceof AccessDeniedError ||
    error instanceof InvalidArgumentError ||
    error instanceof UnsupportedError ||
    error instanceof MaxAppendSizeExceededError
  );
}
