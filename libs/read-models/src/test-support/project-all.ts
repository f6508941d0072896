import type { EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { allProjections } from '../projections/all-projections';
import type { AnyProjection } from '../runner/projection';
import { ProjectionRunner } from '../runner/projection-runner';

/**
 * Brings every projection up to the store's head, in this process: pages of `batchSize` events,
 * a transaction over pages up to `maxBatchEvents` (the runner's default when not given; at most
 * `batchSize`: a page per transaction).
 */
export async function projectAll(store: EventStore, rm: ReadModelDb, projections: AnyProjection[] = allProjections(), batchSize = 100, maxBatchEvents?: number): Promise<void> {
  for (const projection of projections) {
    const runner = new ProjectionRunner({ store, rm, projection, holder: 'test', batchSize, maxBatchEvents });
    if (!(await runner.acquire())) throw new Error(`lease on ${projection.name} is held`);
    const outcome = await runner.catchUp();
    if (outcome !== 'caught-up') throw new Error(`${projection.name}: ${outcome}`);
    await runner.release();
  }
}
