import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomIds, systemClock, type Clock, type IdGenerator } from '@itil/engine';
import { START, openEventStore, type EventStore } from '@itil/event-store';
import { LIFECYCLE_FOLLOWER, followPublishedLifecycles, loadLifecycleCatalog, type LifecycleFollower } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import type { LifecycleCatalog } from '@itil/workflow';
import type { EngineConfig } from '../config/engine.config';
import { EngineMetrics } from '../observability/engine-metrics';
import { InstrumentedCommandPipeline } from '../observability/instrumented-pipeline';
import { CLOCK, COMMAND_PIPELINE, EVENT_STORE, ID_GENERATOR, LIFECYCLE_CATALOG } from './engine.tokens';

type Config = ConfigService<EngineConfig, true>;
const logger = new Logger('Lifecycles');

/** The catalog and its follower are made together: the follower starts where loading began. */
const LIFECYCLE_SYNC = Symbol('LIFECYCLE_SYNC');
/** Where later lifecycle versions are read from on start (null: seeds only, as some tests want). */
export const LIFECYCLE_VERSIONS_DIR = Symbol('LIFECYCLE_VERSIONS_DIR');
interface LifecycleSync {
  catalog: LifecycleCatalog;
  follower: LifecycleFollower;
}

/**
 * The engine's shared parts: the store the configuration selects, the clock and id generator
 * (overridden in tests), the command pipeline and the lifecycle catalog.
 */
@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: ID_GENERATOR, useValue: randomIds },
    {
      provide: EVENT_STORE,
      inject: [ConfigService, CLOCK],
      useFactory: (config: Config, clock: Clock) =>
        openEventStore({
          sqliteFile: config.get('EVENT_STORE_FILE', { infer: true }),
          durability: config.get('EVENT_STORE_DURABILITY', { infer: true }),
          connectionString: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
          now: () => clock.now(),
        }),
    },
    {
      provide: COMMAND_PIPELINE,
      inject: [EVENT_STORE, ID_GENERATOR, EngineMetrics],
      // Measured (commands, conflicts, retries, append latency) and counted in flight for shutdown.
      // Event types this build does not know are skipped by every fold and reported here, once each.
      useFactory: (store: EventStore, ids: IdGenerator, metrics: EngineMetrics) => new InstrumentedCommandPipeline(store, ids, metrics, { logger: new Logger('Engine') }),
    },
    {
      // Version 1 of each process is <process>.json; later versions are versions/<process>/<n>.json.
      provide: LIFECYCLE_VERSIONS_DIR,
      inject: [ConfigService],
      useFactory: (config: Config): string | null => join(config.get('STATE_MACHINES_DIR', { infer: true }), 'versions'),
    },
    {
      provide: LIFECYCLE_SYNC,
      inject: [ConfigService, EVENT_STORE, CLOCK, ID_GENERATOR, LIFECYCLE_VERSIONS_DIR],
      useFactory: async (config: Config, store: EventStore, clock: Clock, ids: IdGenerator, versionsDirectory: string | null): Promise<LifecycleSync> => {
        const from = (await store.headPosition()) ?? START;
        const directory = config.get('STATE_MACHINES_DIR', { infer: true });
        const catalog = await loadLifecycleCatalog({ store, directory, versionsDirectory: versionsDirectory ?? undefined, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
        for (const u of catalog.unusableVersions()) logger.warn(`lifecycle ${u.machineId} v${u.version} cannot run on this build: ${u.reason}`);
        // Versions other instances (or the CLI) publish from now on join this catalog; the
        // follower restarts after a failure and stops at shutdown, before the store closes.
        const follower = followPublishedLifecycles(store, catalog, {
          fromPosition: from,
          onAdded: (v) => logger.log(`lifecycle ${v.machineId} v${v.version} published elsewhere: now known here`),
          onUnusable: (u) => logger.warn(`lifecycle ${u.machineId} v${u.version} published elsewhere cannot run on this build: ${u.reason}`),
          onError: (error, restartInMs) => logger.error(`following lifecycle versions failed (${String(error)}); subscribing again in ${restartInMs} ms`),
          onRestarted: (restarts) => logger.log(`following lifecycle versions again (restart ${restarts})`),
        });
        return { catalog, follower };
      },
    },
    { provide: LIFECYCLE_CATALOG, inject: [LIFECYCLE_SYNC], useFactory: (sync: LifecycleSync) => sync.catalog },
    { provide: LIFECYCLE_FOLLOWER, inject: [LIFECYCLE_SYNC], useFactory: (sync: LifecycleSync) => sync.follower },
  ],
  exports: [CLOCK, ID_GENERATOR, EVENT_STORE, COMMAND_PIPELINE, LIFECYCLE_CATALOG, LIFECYCLE_FOLLOWER],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIFECYCLE_FOLLOWER) private readonly follower: LifecycleFollower,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
    await this.store.close();
  }
}
