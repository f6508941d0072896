import type { EventData, JsonObject, RecordedEvent } from '@itil/event-store';
import type { DomainEvent, EventEnvelope, StoredEvent } from './event-envelope';
import { hashEvent } from './event-hash';

/** Everything the envelope needs that is not in the event itself. */
export interface EnvelopeInput {
  id: string;
  actor: string;
  occurredAt: Date;
  correlationId: string;
  causationId: string | null;
  machine: EventEnvelope['machine'];
  idempotencyKey: string | null;
  previousHash: string | null;
  schemaVersion?: number;
}

/** The one way an event is wrapped for the store: every event goes through here. */
export function envelop(event: DomainEvent, input: EnvelopeInput): EventData {
  const unsigned: Omit<EventEnvelope, 'hash'> = {
    schemaVersion: input.schemaVersion ?? 1,
    actor: input.actor,
    occurredAt: input.occurredAt.toISOString(),
    correlationId: input.correlationId,
    causationId: input.causationId,
    machine: input.machine,
    idempotencyKey: input.idempotencyKey,
    previousHash: input.previousHash,
  };
  const hash = hashEvent(input.id, event.type, event.data, unsigned);
  return { id: input.id, type: event.type, data: event.data, metadata: { ...unsigned, hash } as unknown as JsonObject };
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

/** Recomputes a stored event's hash: true when neither it nor its link was altered. */
export function verifyHash(event: StoredEvent): boolean {
  const { hash, ...unsigned } = event.envelope;
  return hashEvent(event.id, event.type, event.data as JsonObject, unsigned) === hash;
}
