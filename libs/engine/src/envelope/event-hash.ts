import { createHash, hash } from 'node:crypto';
import type { JsonObject } from '@itil/event-store';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope } from './event-envelope';

/** The hash scheme new events are written with (recorded in each envelope as `hashScheme`). */
export const HASH_SCHEME = 2;

/** What one event's hash covers. */
export interface HashedEvent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: JsonObject;
  /** Every envelope field but the hash itself (previousHash and hashScheme included). */
  envelope: Omit<EventEnvelope, 'hash'>;
}

/**
 * Scheme 2: sha256 over the RFC 8785 canonical JSON of the event's stream id, revision, id,
 * type, data and envelope (which holds the previous event's hash). Because the stream and the
 * revision are covered, an event copied to another stream or shifted to another revision no
 * longer verifies; because the previous hash is covered, removing an event from the middle
 * breaks the link of the one after it. (Removing the last events of a stream is detectable only
 * against an anchored digest: that comes with the audit work.) Hash the values as stored: run
 * data and envelope through `toJsonValue` first (envelop does).
 */
export function hashEvent(event: HashedEvent): string {
  const body = canonicalJson({
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    envelope: event.envelope,
  });
  // One-shot hash: no Hash object per event (on the write path of every command).
  return `sha256:${hash('sha256', body, 'hex')}`;
}

/**
 * Scheme 1, the engine's first (events stored before `hashScheme` existed): sha256 over the
 * previous hash, a newline and the canonical JSON of id, type, data and envelope. It covers
 * neither the stream nor the revision. Kept only to verify those events; never written.
 */
export function hashEventScheme1(id: string, type: string, data: JsonObject, envelope: Omit<EventEnvelope, 'hash'>): string {
  const body = canonicalJson({ id, type, data, envelope });
  return `sha256:${createHash('sha256').update(envelope.previousHash ?? '').update('\n').update(body).digest('hex')}`;
}
