import { randomUUID } from 'node:crypto';
import type { EventData, EventStore, RecordedEvent, Subscription } from '../event-store.port';

/** What an adapter's test gives the contract: a store, and a way to move its clock if it has one. */
export interface ContractSubject {
  store: EventStore;
  /** Moves the store's clock forward; adapters whose server clock cannot be moved omit it. */
  advanceClock?: (ms: number) => void;
}

/** Each contract part opens the subject in its own describe block and reads it in its tests. */
export type SubjectFactory = () => { get: () => ContractSubject };

/** Unique names keep tests independent even against a shared, real server. */
export const uniqueStream = (prefix = 'contract'): string => `${prefix}_${randomUUID().replace(/-/g, '')}`;

export const anEvent = (type = 'ThingHappened', data: EventData['data'] = {}): EventData => ({
  id: randomUUID(),
  type,
  data,
  metadata: { source: 'contract' },
});

export const events = (n: number, type = 'ThingHappened'): EventData[] =>
  Array.from({ length: n }, (_, i) => anEvent(type, { n: i }));

/** Collects `count` events from a subscription, then unsubscribes. */
export async function take(subscription: Subscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  if (count === 0) return seen;
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length >= count) break;
  }
  await subscription.unsubscribe();
  return seen;
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, it resolved');
}
