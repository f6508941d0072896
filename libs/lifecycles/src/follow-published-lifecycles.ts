import { START, type EventStore, type Position, type Subscription } from '@itil/event-store';
import type { LifecycleCatalog, LifecycleVersion } from '@itil/workflow';
import { asMachineConfig } from './definition/lifecycle-json';
import type { LifecycleVersionPublished } from './versions/lifecycle.events';

export interface FollowOptions {
  /** Where to start (exclusive): take it before loading the catalog, so no publish falls between. */
  fromPosition: Position | typeof START;
  /** Called for each version added, e.g. to log it. */
  onAdded?: (version: LifecycleVersion) => void;
  /** Called if the subscription fails (the store went away); the catalog stops following. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps a running engine's catalog in step with versions published elsewhere: another API
 * instance on the same EventStoreDB, or the CLI on the same file. Without it, a ticket opened on
 * a version another instance published would be unknown here until a restart.
 */
export function followPublishedLifecycles(store: EventStore, catalog: LifecycleCatalog, options: FollowOptions): Subscription {
  const published: LifecycleVersionPublished['type'] = 'LifecycleVersionPublished';
  const subscription = store.subscribeToAll({ fromPosition: options.fromPosition, filter: { eventTypes: [published] } });
  void (async () => {
    for await (const recorded of subscription) {
      const data = recorded.data as LifecycleVersionPublished['data'];
      // Versions already loaded (or published by this instance) arrive again: skip them.
      if (catalog.has(data.process, data.version)) continue;
      const version: LifecycleVersion = { machineId: data.process, version: data.version, contentHash: data.contentHash, config: asMachineConfig(data.definition as never) };
      catalog.add(version);
      options.onAdded?.(version);
    }
  })().catch((error: unknown) => options.onError?.(error));
  return subscription;
}
