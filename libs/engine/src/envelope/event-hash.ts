import { createHash } from 'node:crypto';
import type { JsonObject } from '@itil/event-store';
import { canonicalJson } from './canonical-json';
import type { EventEnvelope } from './event-envelope';

/**
 * sha256 over the previous hash and the event's canonical JSON (id, type, data and every
 * envelope field but the hash itself). Changing any stored byte breaks the chain from there on.
 */
export function hashEvent(id: string, type: string, data: JsonObject, envelope: Omit<EventEnvelope, 'hash'>): string {
  const body = canonicalJson({ id, type, data, envelope });
  return `sha256:${createHash('sha256').update(envelope.previousHash ?? '').update('\n').update(body).digest('hex')}`;
}
