import type { EventData, JsonObject, RecordedEvent } from '@itil/event-store';
import type { DomainEvent, EventEnvelope, StoredEvent } from './event-envelope';
import { HASH_SCHEME, hashEvent, hashEventScheme1 } from './event-hash';
import { toJsonValue } from './json-value';

/** Everything the envelope needs that is not in the event itself. */
export interface EnvelopeInput {
  id: string;
  /** Where the event will be stored: the hash covers both, so a moved event no longer verifies. */
  streamId: string;
  revision: bigint;
  actor: string;
  tenant?: string;
  occurredAt: Date;
  correlationId: string;
  causationId: string | null;
  machine: EventEnvelope['machine'];
  idempotencyKey: string | null;
  commandFingerprint?: string | null;
  previousHash: string | null;
  schemaVersion?: number;
}

/**
 * The one way an event is wrapped for the store: every event goes through here. The data is
 * first brought to the JSON value the store will keep (toJsonValue), and that value is both
 * hashed and returned for writing, so what is hashed is exactly what is stored.
 */
export function envelop(event: DomainEvent, input: EnvelopeInput): EventData {
  const data = toJsonValue(event.data, `${event.type}.data`) as JsonObject;
  const unsigned = toJsonValue({
    schemaVersion: input.schemaVersion ?? 1,
    actor: input.actor,
    ...(input.tenant !== undefined ? { tenant: input.tenant } : {}),
    occurredAt: input.occurredAt.toISOString(),
    correlationId: input.correlationId,
    causationId: input.causationId,
    machine: input.machine,
    idempotencyKey: input.idempotencyKey,
    ...(input.idempotencyKey ? { commandFingerprint: input.commandFingerprint ?? null } : {}),
    previousHash: input.previousHash,
    hashScheme: HASH_SCHEME,
  }) as unknown as Omit<EventEnvelope, 'hash'>;
  const hash = hashEvent({ streamId: input.streamId, revision: input.revision, id: input.id, type: event.type, data, envelope: unsigned });
  return { id: input.id, type: event.type, data, metadata: { ...unsigned, hash } as unknown as JsonObject };
}

export function unwrap<E extends DomainEvent>(recorded: RecordedEvent): StoredEvent<E> {
  return {
    id: recorded.id,
    type: recorded.type as E['type'],
    data: recorded.data as E['data'],
    envelope: recorded.metadata as unknown as EventEnvelope,
    streamId: recorded.streamId,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
  };
}

/** The stored fields a hash is checked against. */
export type VerifiableEvent = Pick<StoredEvent, 'id' | 'type' | 'data' | 'envelope' | 'streamId' | 'revision' | 'upcastFrom'>;

/**
 * Recomputes a stored event's hash with the scheme it was written with: true when neither the
 * event, its link to the previous one, nor (from scheme 2) its stream and revision changed.
 */
export function verifyHash(event: VerifiableEvent): boolean {
  if (event.upcastFrom !== undefined) throw new Error('verify the event as stored (unwrap), not its upcast view');
  const { hash, ...unsigned } = event.envelope;
  const data = event.data as JsonObject;
  switch (unsigned.hashScheme ?? 1) {
    case 1:
      return hashEventScheme1(event.id, event.type, data, unsigned) === hash;
    case 2:
      return hashEvent({ streamId: event.streamId, revision: event.revision, id: event.id, type: event.type, data, envelope: unsigned }) === hash;
    default:
      // A scheme newer than this build: it cannot say the event is intact.
      return false;
  }
}
