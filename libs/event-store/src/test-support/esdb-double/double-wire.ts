/**
 * EventStoreDB's wire shapes (generated protobuf classes shipped in @eventstore/db-client) to and
 * from the port's types. uint64 fields travel as decimal strings; `created` is in .NET ticks
 * (100 ns) since the Unix epoch; a failed call carries EventStoreDB's `exception` metadata key,
 * which is how the client recognises stream-deleted and wrong-expected-version.
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { InvalidEventStoreArgumentError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../../event-store.errors';
import type { EventData, ExpectedRevision, JsonObject, RecordedEvent } from '../../event-store.port';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

export function streamIdentifier(streamId: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(streamId, 'utf8')));
  return identifier;
}

export function uuidOf(uuid: UUID | undefined): string {
  if (!uuid) return '';
  if (!uuid.hasStructured()) return uuid.getString();
  const structured = uuid.getStructured() as UUID.Structured;
  const hex = (bits: string): string => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
}

export function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) {
    uuid.setString(id);
    return uuid;
  }
  const hex = id.replace(/-/g, '');
  const bits = new UUID.Structured();
  bits.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  bits.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  uuid.setStructured(bits);
  return uuid;
}

const TICKS_PER_MS = 10_000n;

export function recordedEventMessage(event: RecordedEvent, structuredUuid: boolean): ReadResp.ReadEvent.RecordedEvent {
  const message = new ReadResp.ReadEvent.RecordedEvent();
  message.setId(uuidMessage(event.id, structuredUuid));
  message.setStreamIdentifier(streamIdentifier(event.streamId));
  message.setStreamRevision(event.revision.toString());
  // Prepare and commit positions are equal for every event written without an explicit transaction.
  message.setPreparePosition(event.position.toString());
  message.setCommitPosition(event.position.toString());
  const map = message.getMetadataMap();
  map.set('type', event.type);
  map.set('created', (BigInt(event.recordedAt.getTime()) * TICKS_PER_MS).toString());
  const wire = event.metadata[WIRE_FORM_KEY] as unknown as WireForm | undefined;
  if (wire) {
    map.set('content-type', wire.contentType);
    message.setData(Buffer.from(wire.data, 'base64'));
    if (wire.customMetadata.length > 0) message.setCustomMetadata(Buffer.from(wire.customMetadata, 'base64'));
    return message;
  }
  map.set('content-type', 'application/json');
  // A server returns the bytes it was given; the port keeps `{}` for "none", sent back as none.
  if (Object.keys(event.metadata).length > 0) message.setCustomMetadata(Buffer.from(JSON.stringify(event.metadata), 'utf8'));
  message.setData(Buffer.from(JSON.stringify(event.data), 'utf8'));
  return message;
}

export function readEventResp(event: RecordedEvent, structuredUuid: boolean, withPosition: boolean): ReadResp {
  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recordedEventMessage(event, structuredUuid));
  if (withPosition) readEvent.setCommitPosition(event.position.toString());
  else readEvent.setNoPosition(new Empty());
  const resp = new ReadResp();
  resp.setEvent(readEvent);
  return resp;
}

export interface ProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A JSON object, or undefined when the bytes are not JSON or not an object. */
function jsonObjectOf(bytes: Uint8Array): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A server stores whatever bytes it is given: binary events (`application/octet-stream`), JSON that
 * is not an object (a string, an array), custom metadata that is not JSON. The port holds JSON
 * objects, so the double keeps such an event's wire form under this reserved metadata key (with
 * `{}` as data) and sends the original bytes and content type back on every read.
 */
export const WIRE_FORM_KEY = '$esdbDoubleWireForm';

interface WireForm {
  contentType: string;
  data: string;
  customMetadata: string;
}

/** A proposed message (Append or BatchAppend) as the port's EventData. */
export function eventDataOf(message: ProposedMessage): EventData {
  const map = message.getMetadataMap();
  const contentType = map.get('content-type') ?? 'application/octet-stream';
  const base = { id: uuidOf(message.getId()), type: map.get('type') ?? '' };
  const data = message.getData_asU8();
  const custom = message.getCustomMetadata_asU8();
  const dataObject = contentType === 'application/json' ? jsonObjectOf(data) : undefined;
  const metadataObject = custom.length === 0 ? {} : jsonObjectOf(custom);
  if (dataObject && metadataObject && !(WIRE_FORM_KEY in metadataObject)) {
    return { ...base, data: dataObject, ...(custom.length > 0 && { metadata: metadataObject }) };
  }
  const wire: WireForm = { contentType, data: Buffer.from(data).toString('base64'), customMetadata: Buffer.from(custom).toString('base64') };
  return { ...base, data: {}, metadata: { [WIRE_FORM_KEY]: { ...wire } } };
}

/** What EventStoreDB counts against its maximum append size: data, custom metadata and the type (UTF-16). */
export function sizeOnDisk(message: ProposedMessage): number {
  return message.getData_asU8().length + message.getCustomMetadata_asU8().length + (message.getMetadataMap().get('type') ?? '').length * 2;
}

/** The expected-revision oneof of AppendReq/DeleteReq/TombstoneReq options (BatchAppend names it stream_position). */
export function expectedRevisionOf(options: {
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  hasAny(): boolean;
  revision(): string | undefined;
}): ExpectedRevision {
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  const revision = options.revision();
  if (revision !== undefined) return BigInt(revision);
  return 'any';
}

/** EventStoreDB's .NET encoding of an expected version in error metadata. */
export function expectedVersionNumber(expected: ExpectedRevision): string {
  switch (expected) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    default:
      return expected.toString();
  }
}

function serviceError(code: status, details: string, entries: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

/** A port error as the status a real server sends for it. */
export function toServiceError(error: unknown, streamId: string): ServiceError {
  if (error instanceof StreamDeletedError) {
    return serviceError(status.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
      exception: 'stream-deleted',
      'stream-name': streamId,
    });
  }
  if (error instanceof WrongExpectedVersionError) {
    return serviceError(status.FAILED_PRECONDITION, error.message, {
      exception: 'wrong-expected-version',
      'stream-name': error.streamId,
      'expected-version': expectedVersionNumber(error.expected),
      'actual-version': error.actual === 'no_stream' ? '-1' : error.actual.toString(),
    });
  }
  if (error instanceof StreamNotFoundError) {
    return serviceError(status.NOT_FOUND, error.message, { exception: 'stream-not-found', 'stream-name': streamId });
  }
  if (error instanceof InvalidEventStoreArgumentError) return serviceError(status.INVALID_ARGUMENT, error.message);
  return serviceError(status.INTERNAL, error instanceof Error ? error.message : String(error));
}

export const unavailable = (details: string): ServiceError => serviceError(status.UNAVAILABLE, details);

/** Streams/Append over the maximum append size: the server's RpcExceptions.MaxAppendSizeExceeded. */
export const maxAppendSizeExceeded = (maxAppendSize: number): ServiceError =>
  serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
