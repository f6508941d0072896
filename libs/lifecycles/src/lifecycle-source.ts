import { unwrap } from '@itil/engine';
import { StreamNotFoundError, type EventStore } from '@itil/event-store';
import type { LifecycleSource, LifecycleVersion } from '@itil/workflow';
import { asMachineConfig } from './definition/lifecycle-json';
import { evolveLifecycle } from './versions/lifecycle.decider';
import { lifecycleStream, type LifecycleEvent } from './versions/lifecycle.events';
import { initialLifecycleHistory } from './versions/lifecycle.state';

/** Process names that can be a stream name's tail (anything else has no lifecycle stream). */
const PROCESS_NAME = /^[a-z][a-z0-9-]{0,80}$/;

/**
 * Every version published on `lifecycle-<process>`, read from the store: what a catalog loads
 * when a ticket is pinned to a version it has not received yet (published by another process).
 */
export function lifecycleSourceOf(store: EventStore): LifecycleSource {
  return async (machineId: string): Promise<LifecycleVersion[]> => {
    if (!PROCESS_NAME.test(machineId)) return [];
    let recorded;
    try {
      recorded = await store.readStream(lifecycleStream(machineId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const history = recorded.map((e) => unwrap<LifecycleEvent>(e)).reduce((h, e) => evolveLifecycle(h, { type: e.type, data: e.data } as LifecycleEvent), initialLifecycleHistory());
    return history.versions.map((v) => ({ machineId, version: v.version, contentHash: v.contentHash, config: asMachineConfig(v.definition) }));
  };
}
