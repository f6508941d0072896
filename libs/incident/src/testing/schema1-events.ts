import { derivedId, envelop } from '@itil/engine';
import type { EventStore, JsonObject } from '@itil/event-store';
import type { IncidentEvent } from '../incident.events';

/**
 * Appends incident events in their schema-1 shapes (incident.events.ts: what the hand-written
 * incident decider wrote before the ticket engine) to a new stream, with the real envelope and
 * hash chain, so specs can check that such histories are still read and decided on.
 */
export async function appendSchema1Events(
  store: EventStore,
  streamId: string,
  events: IncidentEvent[],
  meta: { actor: string; occurredAt: Date; lifecycle: { id: string; version: number } },
): Promise<void> {
  let previousHash: string | null = null;
  const stored = events.map((event, i) => {
    const data = envelop(
      { type: event.type, data: event.data as JsonObject },
      { id: derivedId(`${streamId}:${i}`), streamId, revision: BigInt(i), actor: meta.actor, occurredAt: meta.occurredAt, correlationId: `${streamId}:schema1`, causationId: null, machine: meta.lifecycle, idempotencyKey: null, previousHash, schemaVersion: 1 },
    );
    previousHash = (data.metadata as { hash: string }).hash;
    return data;
  });
  await store.appendToStream(streamId, stored, { expectedRevision: 'no_stream' });
}
