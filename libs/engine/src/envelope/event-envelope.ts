import type { JsonObject } from '@itil/event-store';

/**
 * The envelope every event carries (BRIEF principle 4), stored as the event's metadata.
 * `recordedAt` is not here: it is the store's own commit time (RecordedEvent.recordedAt).
 */
export interface EventEnvelope {
  /** Version of the data's schema for this event type (see UpcasterRegistry). */
  schemaVersion: number;
  actor: string;
  /** The tenant the actor acted for, once there are tenants (absent until then). */
  tenant?: string;
  /** When the fact happened in the world, from the injected clock. */
  occurredAt: string;
  correlationId: string;
  /** The command (or event) that caused this one. */
  causationId: string | null;
  /** The lifecycle version the ticket is pinned to, when the stream has one. */
  machine: { id: string; version: number } | null;
  idempotencyKey: string | null;
  /**
   * With a key: the fingerprint of the command that wrote this event (its type, body and actor),
   * so that the key reused for another command is refused, not replayed. Absent before scheme 2.
   */
  commandFingerprint?: string | null;
  /** Hash of the previous event of the stream, null for the first: the tamper-evident chain. */
  previousHash: string | null;
  /** How `hash` was computed (see event-hash.ts); absent on events of the first scheme (1). */
  hashScheme?: number;
  hash: string;
}

/** A past-tense fact of a domain, before it is stored. */
export interface DomainEvent<T extends string = string, D extends JsonObject = JsonObject> {
  type: T;
  data: D;
}

/** A fact as read back: the domain event, its envelope and where the store put it. */
export interface StoredEvent<E extends DomainEvent = DomainEvent> {
  id: string;
  type: E['type'];
  data: E['data'];
  envelope: EventEnvelope;
  streamId: string;
  revision: bigint;
  position: bigint;
  recordedAt: Date;
  /**
   * Set when `data` was upcast on read: the schema version the event was stored with. The
   * envelope then says the current version; verify the stored event (unwrap), not this view.
   */
  upcastFrom?: number;
}
