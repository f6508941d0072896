import { openEventStore } from '@itil/event-store';
import { openReadModelDb } from '../database/read-model-db';
import { migrateRunnerTables } from '../database/runner-migrations';
import { allProjections } from '../projections/all-projections';
import { ProjectionDaemon } from '../runner/projection-daemon';
import type { AnyProjection } from '../runner/projection';
import type { RunnerLogger } from '../runner/projection-runner';

/** Where a projector reads and writes, and how it paces itself. */
export interface ProjectorConfig {
  eventStoreFile: string;
  eventStoreConnectionString?: string;
  /**
   * How often the embedded store looks for commits made by another connection (another process,
   * or the API's main thread when the projector runs in a worker thread). Default: the store's.
   */
  eventStorePollMs?: number;
  readModelFile: string;
  readModelDatabaseUrl?: string;
  batchSize?: number;
  leaseTtlMs?: number;
  pollMs?: number;
  holder: string;
}

export interface RunningProjector {
  stop(): Promise<void>;
}

/**
 * Opens its own store connection and read-model database, migrates, and keeps every projection
 * live until stopped. Both `apps/projector` (a process) and the API's projections thread run
 * this, so the two ways of projecting cannot drift apart.
 */
export async function startProjector(config: ProjectorConfig, projections: AnyProjection[] = allProjections(), logger?: RunnerLogger): Promise<RunningProjector> {
  const store = await openEventStore({ sqliteFile: config.eventStoreFile, connectionString: config.eventStoreConnectionString, pollIntervalMs: config.eventStorePollMs });
  const rm = openReadModelDb({ file: config.readModelFile, url: config.readModelDatabaseUrl });
  try {
    await migrateRunnerTables(rm.db);
    const daemon = new ProjectionDaemon({ store, rm, projections, holder: config.holder, batchSize: config.batchSize, leaseTtlMs: config.leaseTtlMs, pollMs: config.pollMs, logger });
    await daemon.start();
    logger?.log(`projector ${config.holder} running ${projections.map((p) => `${p.name} v${p.version}`).join(', ')} into ${rm.location}`);
    return {
      stop: async () => {
        await daemon.stop();
        await rm.close();
        await store.close();
      },
    };
  } catch (error) {
    await rm.close();
    await store.close();
    throw error;
  }
}
