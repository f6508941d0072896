import { openEventStore } from '@itil/event-store';
import { allProjections, migrateRunnerTables, openReadModelDb, ProjectionDaemon, type AnyProjection, type RunnerLogger } from '@itil/read-models';
import type { ProjectorConfig } from './projector.config';

export interface RunningProjector {
  stop(): Promise<void>;
}

/** One log line per message, JSON, so the operator's log tooling can filter parked events. */
export const jsonLogger = (write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): RunnerLogger => {
  const line = (level: string) => (message: string) => write(JSON.stringify({ time: new Date().toISOString(), level, service: 'projector', message }));
  return { log: line('info'), warn: line('warn'), error: line('error') };
};

/** Opens the store and the read-model database, migrates, and keeps every projection live until stopped. */
export async function startProjector(config: ProjectorConfig, projections: AnyProjection[] = allProjections(), logger: RunnerLogger = jsonLogger()): Promise<RunningProjector> {
  const store = await openEventStore({ sqliteFile: config.eventStoreFile, connectionString: config.eventStoreConnectionString });
  const rm = openReadModelDb({ file: config.readModelFile, url: config.readModelDatabaseUrl });
  await migrateRunnerTables(rm.db);
  const daemon = new ProjectionDaemon({ store, rm, projections, holder: config.holder, batchSize: config.batchSize, leaseTtlMs: config.leaseTtlMs, pollMs: config.pollMs, logger });
  await daemon.start();
  logger.log(`projector ${config.holder} running ${projections.map((p) => `${p.name} v${p.version}`).join(', ')} into ${rm.location}`);
  return {
    stop: async () => {
      await daemon.stop();
      await rm.close();
      await store.close();
    },
  };
}
