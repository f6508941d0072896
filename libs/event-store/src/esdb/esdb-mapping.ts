/**
 * Pure translations between the port and @eventstore/db-client. The port already speaks
 * EventStoreDB's language, so most of this is naming: a port position is the server's commit
 * position, a port revision is the server's stream revision.
 */
import {
  END,
  START,
  type AppendExpectedRevision,
  type Position as ClientPosition,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ExpectedRevision, JsonObject, Position, RecordedEvent } from '../event-store.port';
import type { ActualRevision } from '../event-store.errors';

/** Every port case (`any`, `no_stream`, `stream_exists`, an exact revision) is a client case of the same name. */
export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => expected;

/**
 * The server reports expected/actual versions of a failed delete as .NET longs in gRPC metadata:
 * -1 no stream, -2 any, -4 stream exists. Appends report them as typed fields. Both land here.
 */
export function fromClientExpected(expected: unknown): ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  const n = BigInt(expected as bigint);
  if (n === -1n) return 'no_stream';
  if (n === -2n) return 'any';
  if (n === -4n) return 'stream_exists';
  return n;
}

export function fromClientActual(actual: unknown): ActualRevision {
  if (actual === undefined || actual === null || actual === 'no_stream') return 'no_stream';
  const n = BigInt(actual as bigint);
  return n < 0n ? 'no_stream' : n;
}

/**
 * A port position is EventStoreDB's commit position. For every event written through the gRPC
 * API (no explicit transactions) the prepare position equals the commit position, so a position
 * the port hands back is turned into the pair the client wants by doubling it.
 */
export const toClientPosition = (position: Position): ClientPosition => ({ commit: position, prepare: position });

export function toClientReadPosition(position: Position | typeof START | typeof END): ReadPosition {
  return position === START || position === END ? position : toClientPosition(position);
}

/** The server encodes "no position" as -1 cast to an unsigned 64-bit integer. */
const NO_POSITION = 1n << 63n;
export const isRealPosition = (position: ClientPosition | undefined): position is ClientPosition =>
  position !== undefined && position.commit >= 0n && position.commit < NO_POSITION;

/** Events the port cannot hold as JSON (written by another client as binary) keep their bytes. */
function asJsonObject(value: unknown): JsonObject {
  if (value === undefined || value === null) return {};
  if (value instanceof Uint8Array) {
    if (value.length === 0) return {};
    const text = Buffer.from(value).toString('utf8');
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonObject;
    } catch {
      // not JSON: fall through and keep the bytes
    }
    return { $binary: Buffer.from(value).toString('base64') };
  }
  if (typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  return { $value: value as JsonObject[string] };
}

/** Type of the event a resolved event carries, read before converting it (for filtering). */
export const eventTypeOf = (resolved: ResolvedEvent): string | undefined => resolved.event?.type;

export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a resolved event without an event (links are not resolved)');
  const position = isRealPosition(event.position) ? event.position.commit : (resolved.commitPosition ?? -1n);
  return {
    streamId: event.streamId,
    id: event.id,
    type: event.type,
    revision: event.revision,
    position,
    data: asJsonObject(event.data),
    metadata: asJsonObject(event.metadata),
    recordedAt: event.created,
  };
}
