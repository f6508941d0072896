import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandPipeline, randomIds, systemClock, type Clock, type IdGenerator } from '@itil/engine';
import { START, openEventStore, type EventStore } from '@itil/event-store';
import { ALL_GUARDS, followPublishedLifecycles, loadLifecycleCatalog } from '@itil/lifecycles';
import type { EngineConfig } from '../config/engine.config';
import { CLOCK, COMMAND_PIPELINE, EVENT_STORE, ID_GENERATOR, LIFECYCLE_CATALOG } from './engine.tokens';

type Config = ConfigService<EngineConfig, true>;
const logger = new Logger('Lifecycles');

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
      inject: [EVENT_STORE, ID_GENERATOR],
      useFactory: (store: EventStore, ids: IdGenerator) => new CommandPipeline(store, ids),
    },
    {
      provide: LIFECYCLE_CATALOG,
      inject: [ConfigService, EVENT_STORE, CLOCK, ID_GENERATOR],
      useFactory: async (config: Config, store: EventStore, clock: Clock, ids: IdGenerator) => {
        const from = (await store.headPosition()) ?? START;
        const directory = config.get('STATE_MACHINES_DIR', { infer: true });
        // Version 1 of each process is <process>.json; later versions are versions/<process>/<n>.json.
        const catalog = await loadLifecycleCatalog({ store, directory, versionsDirectory: join(directory, 'versions'), guards: ALL_GUARDS, clock, ids });
        // Versions other instances (or the CLI) publish from now on join this catalog; the
        // subscription ends when the store closes at shutdown.
        followPublishedLifecycles(store, catalog, {
          fromPosition: from,
          onAdded: (v) => logger.log(`lifecycle ${v.machineId} v${v.version} published elsewhere: now known here`),
          onError: (error) => logger.error(`stopped following lifecycle versions: ${String(error)}`),
        });
        return catalog;
      },
    },
  ],
  exports: [CLOCK, ID_GENERATOR, EVENT_STORE, COMMAND_PIPELINE, LIFECYCLE_CATALOG],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
