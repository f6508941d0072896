import { InvalidEventStoreArgumentError } from './event-store.errors';
import type { EventData } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stream names are non-empty strings; EventStoreDB rejects the same things. */
export function validateStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventStoreArgumentError('A stream name must be a non-empty string');
  }
}

/** Event ids are UUIDs, as EventStoreDB requires; data and metadata are JSON objects. */
export function validateAppend(streamId: string, events: EventData[]): void {
  validateStreamId(streamId);
  if (!Array.isArray(events)) throw new InvalidEventStoreArgumentError('events must be an array');
  for (const [i, event] of events.entries()) {
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventStoreArgumentError(`events[${i}].id must be a UUID`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidEventStoreArgumentError(`events[${i}].type must be a non-empty string`);
    }
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
      throw new InvalidEventStoreArgumentError(`events[${i}].data must be a JSON object`);
    }
  }
}
