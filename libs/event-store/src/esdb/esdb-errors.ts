import {
  AccessDeniedError,
  InvalidArgumentError,
  StreamDeletedError as ClientStreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnsupportedError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  MaxAppendSizeExceededError,
  DeadlineExceededError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  InvalidEventStoreArgumentError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../event-store.errors';
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
 * An append's failure as the port's error. Beyond toPortError: an append over the server's
 * maximum append size is the caller's bad input (nothing written); a deadline that passed leaves
 * the outcome unknown, so it is "unavailable, retry": a retry with the same event ids is
 * idempotent, which settles it either way.
 */
export function toPortAppendError(error: unknown, streamId: string): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidEventStoreArgumentError(`The append to ${streamId} exceeds the server's maximum append size of ${error.maxAppendSize} bytes`);
  }
  if (error instanceof DeadlineExceededError) {
    return new StoreUnavailableError(`EventStoreDB did not confirm the append to ${streamId} before its deadline; retry it (with the same event ids)`, error);
  }
  return toPortError(error, streamId);
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
