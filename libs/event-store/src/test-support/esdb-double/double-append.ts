/**
 * Streams/Append (client streaming: options, then one message per event) and Streams/BatchAppend
 * (one bidirectional stream per client connection; requests carry a correlation id, the first
 * chunk of each carries the options, `is_final` closes it). Both write through the port, so
 * concurrent appends share the embedded store's group commit, each with its own revision check.
 */
import type { ServerDuplexStream, ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import {
  AllStreamPosition,
  BadRequest,
  Empty,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  Timeout,
  WrongExpectedVersion as WrongExpectedVersionDetails,
} from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { InvalidEventStoreArgumentError, StreamDeletedError, WrongExpectedVersionError } from '../../event-store.errors';
import type { AppendResult, EventData, ExpectedRevision } from '../../event-store.port';
import type { DoubleContext } from './double-context';
import {
  eventDataOf,
  expectedRevisionOf,
  maxAppendSizeExceeded,
  sizeOnDisk,
  streamIdentifier,
  streamNameOf,
  toServiceError,
  uuidOf,
  type ProposedMessage,
} from './double-wire';

/** Whether the messages together exceed the server's maximum append size (Event.SizeOnDisk summed). */
const tooLarge = (context: DoubleContext, messages: ProposedMessage[]): boolean =>
  messages.reduce((size, message) => size + sizeOnDisk(message), 0) > context.maxAppendSize;

async function appendThroughPort(
  context: DoubleContext,
  streamId: string,
  messages: ProposedMessage[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const events: EventData[] = messages.map(eventDataOf);
  const result = await context.store.appendToStream(streamId, events, { expectedRevision: expected });
  context.commits.fire();
  return result;
}

export function handleAppend(context: DoubleContext) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const messages: AppendReq.ProposedMessage[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) messages.push(request.getProposedMessage() as AppendReq.ProposedMessage);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      const streamId = streamNameOf(options?.getStreamIdentifier());
      const expected = options
        ? expectedRevisionOf({
            hasNoStream: () => options!.hasNoStream(),
            hasStreamExists: () => options!.hasStreamExists(),
            hasAny: () => options!.hasAny(),
            revision: () => (options!.hasRevision() ? options!.getRevision() : undefined),
          })
        : 'any';
      if (tooLarge(context, messages)) return callback(maxAppendSizeExceeded(context.maxAppendSize));
      appendThroughPort(context, streamId, messages, expected).then(
        (result) => callback(null, appendSuccess(result)),
        (error: unknown) => {
          if (error instanceof WrongExpectedVersionError) callback(null, appendWrongExpectedVersion(error));
          else callback(toServiceError(error, streamId));
        },
      );
    });
  };
}

function appendSuccess(result: AppendResult): AppendResp {
  const success = new AppendResp.Success();
  if (result.nextExpectedRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(result.nextExpectedRevision.toString());
  const position = new AppendResp.Position();
  position.setCommitPosition(result.position.toString());
  position.setPreparePosition(result.position.toString());
  success.setPosition(position);
  const resp = new AppendResp();
  resp.setSuccess(success);
  return resp;
}

/** Append reports a conflict in its response, not as a failed call (EventStoreDB 21+). */
function appendWrongExpectedVersion(error: WrongExpectedVersionError): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (error.actual === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(error.actual.toString());
  switch (error.expected) {
    case 'any':
      wrong.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new Empty());
      break;
    default:
      wrong.setExpectedRevision(error.expected.toString());
  }
  const resp = new AppendResp();
  resp.setWrongExpectedVersion(wrong);
  return resp;
}

interface PendingBatch {
  options?: BatchAppendReq.Options;
  messages: BatchAppendReq.ProposedMessage[];
}

export function handleBatchAppend(context: DoubleContext) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, PendingBatch>();
    const inFlight = new Set<Promise<void>>();
    let ended = false;
    const finish = (): void => {
      if (ended && inFlight.size === 0 && !call.cancelled && call.writable) call.end();
    };
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidOf(request.getCorrelationId());
      const batch = pending.get(correlationId) ?? { messages: [] };
      if (request.hasOptions()) batch.options = request.getOptions();
      batch.messages.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) {
        pending.set(correlationId, batch);
        return;
      }
      pending.delete(correlationId);
      const done = appendBatch(context, request, batch).then((resp) => {
        if (!call.cancelled && call.writable) call.write(resp);
      });
      inFlight.add(done);
      void done.finally(() => {
        inFlight.delete(done);
        finish();
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      ended = true;
      finish();
    });
  };
}

async function appendBatch(context: DoubleContext, request: BatchAppendReq, batch: PendingBatch): Promise<BatchAppendResp> {
  const options = batch.options;
  const streamId = streamNameOf(options?.getStreamIdentifier());
  const resp = new BatchAppendResp();
  resp.setCorrelationId(request.getCorrelationId());
  resp.setStreamIdentifier(streamIdentifier(streamId));
  const expected = options
    ? expectedRevisionOf({
        hasNoStream: () => options.hasNoStream(),
        hasStreamExists: () => options.hasStreamExists(),
        hasAny: () => options.hasAny(),
        revision: () => (options.hasStreamPosition() ? options.getStreamPosition() : undefined),
      })
    : 'any';
  if (tooLarge(context, batch.messages)) {
    resp.setError(maximumAppendSizeStatus(context.maxAppendSize));
    return resp;
  }
  // The deadline the client sent (a Timestamp in 21.10-style options): past it, the server answers
  // Timeout without writing; a write still running at the deadline is answered Timeout too (its
  // outcome unknown to the client, as on a server). The server also caps it at its WriteTimeoutMs
  // (2 s); the double does not, so that a slow test machine does not turn appends into timeouts.
  const deadline = options?.hasDeadline() ? (options.getDeadline() as Timestamp).toDate().getTime() : Number.POSITIVE_INFINITY;
  const remainingMs = deadline - Date.now();
  if (remainingMs <= 0) {
    resp.setError(timeoutStatus());
    return resp;
  }
  try {
    const result = await withDeadline(appendThroughPort(context, streamId, batch.messages, expected), remainingMs);
    if (result === 'timeout') {
      resp.setError(timeoutStatus());
      return resp;
    }
    const success = new BatchAppendResp.Success();
    if (result.nextExpectedRevision < 0n) success.setNoStream(new GoogleEmpty());
    else success.setCurrentRevision(result.nextExpectedRevision.toString());
    const position = new AllStreamPosition();
    position.setCommitPosition(result.position.toString());
    position.setPreparePosition(result.position.toString());
    success.setPosition(position);
    resp.setSuccess(success);
  } catch (error) {
    resp.setError(batchError(error, streamId));
  }
  return resp;
}

async function withDeadline<T>(write: Promise<T>, ms: number): Promise<T | 'timeout'> {
  // Node timers take at most 2^31-1 ms; a client's "no deadline" is a year ahead.
  if (ms > 2 ** 31 - 1) return write;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([write, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The server's Status.Timeout: DEADLINE_EXCEEDED with event_store.client.Timeout, read by the client as DeadlineExceededError. */
function timeoutStatus(): Status {
  const status = new Status();
  const details = new Any();
  details.pack(new Timeout().serializeBinary(), 'event_store.client.Timeout');
  status.setCode(4);
  status.setMessage('Timeout');
  status.setDetails(details);
  return status;
}

/** The server's Status.MaximumAppendSizeExceeded: INVALID_ARGUMENT with the limit in its details. */
function maximumAppendSizeStatus(maxAppendSize: number): Status {
  const exceeded = new MaximumAppendSizeExceeded();
  exceeded.setMaxappendsize(maxAppendSize);
  const details = new Any();
  details.pack(exceeded.serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
  const status = new Status();
  status.setCode(3);
  status.setMessage('MaximumAppendSizeExceeded');
  status.setDetails(details);
  return status;
}

/** BatchAppend reports failures as a google.rpc.Status whose details name EventStoreDB's error. */
function batchError(error: unknown, streamId: string): Status {
  const status = new Status();
  const details = new Any();
  if (error instanceof WrongExpectedVersionError) {
    const wrong = new WrongExpectedVersionDetails();
    if (error.actual === 'no_stream') wrong.setCurrentNoStream(new GoogleEmpty());
    else wrong.setCurrentStreamRevision(error.actual.toString());
    if (error.expected === 'any') wrong.setExpectedAny(new GoogleEmpty());
    else if (error.expected === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
    else if (error.expected === 'stream_exists') wrong.setExpectedStreamExists(new GoogleEmpty());
    else wrong.setExpectedStreamPosition(error.expected.toString());
    details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    status.setCode(6); // ALREADY_EXISTS, as the server's Status.WrongExpectedVersion
  } else if (error instanceof StreamDeletedError) {
    const deleted = new StreamDeleted();
    deleted.setStreamIdentifier(streamIdentifier(streamId));
    details.pack(deleted.serializeBinary(), 'event_store.client.StreamDeleted');
    status.setCode(5); // NOT_FOUND, as the server's Status.StreamDeleted
  } else {
    const bad = new BadRequest();
    bad.setMessage(error instanceof Error ? error.message : String(error));
    details.pack(bad.serializeBinary(), 'event_store.client.BadRequest');
    status.setCode(error instanceof InvalidEventStoreArgumentError ? 3 : 2); // INVALID_ARGUMENT : UNKNOWN
  }
  status.setMessage(error instanceof Error ? error.message : String(error));
  status.setDetails(details);
  return status;
}

