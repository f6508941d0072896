import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { allProjections, migrateRunnerTables, openReadModelDb, ProjectionDaemon, type ReadModelDb } from '@itil/read-models';
import { CsiReportsController } from './csi-reports.controller';
import { ProjectionsController } from './projections.controller';
import { QueuesController } from './queues.controller';
import { READ_MODEL_DB } from './read-models.tokens';
import { ProjectionsThread } from './projections-thread';
import { READ_MODELS_SETTINGS, readModelsSettings, type ReadModelsSettings } from './read-models.settings';
import { ReadSideService } from './read-side.service';
import { TicketsReadController } from './tickets-read.controller';

const logger = new Logger('ReadModels');

/**
 * The read side in the API: queries over the read models and, by default (the embedded setup),
 * the projections themselves in this process, in a worker thread (READ_MODELS_THREAD=worker) or
 * on the main event loop (=main). With READ_MODELS_IN_PROCESS=false a separate
 * `npm run projector` keeps them; this API only reads.
 */
@Module({
  controllers: [TicketsReadController, QueuesController, CsiReportsController, ProjectionsController],
  providers: [
    { provide: READ_MODELS_SETTINGS, useFactory: () => readModelsSettings(process.env) },
    {
      provide: READ_MODEL_DB,
      inject: [READ_MODELS_SETTINGS],
      useFactory: async (settings: ReadModelsSettings) => {
        const rm = openReadModelDb({ file: settings.file, url: settings.databaseUrl });
        await migrateRunnerTables(rm.db);
        return rm;
      },
    },
    ReadSideService,
  ],
  // The improvement register measures through the same queries.
  exports: [ReadSideService, READ_MODELS_SETTINGS],
})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private daemon: ProjectionDaemon | undefined;
  private thread: ProjectionsThread | undefined;

  /** The projections thread, when this API projects in one (tests kill it to see it come back). */
  get projectionsThread(): ProjectionsThread | undefined {
    return this.thread;
  }

  constructor(
    @Inject(READ_MODEL_DB) private readonly rm: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS_SETTINGS) private readonly settings: ReadModelsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.inProcess) {
      logger.log(`read models in ${this.rm.location}, kept by a separate projector`);
      return;
    }
    const log = { log: (m: string) => logger.log(m), warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) };
    const holder = `api:${hostname()}:${process.pid}`;
    if (this.settings.thread === 'worker') {
      this.thread = new ProjectionsThread({
        logger: log,
        config: {
          eventStoreFile: this.settings.eventStoreFile,
          eventStoreConnectionString: this.settings.eventStoreConnectionString,
          // The main thread's commits reach the thread's connection by polling: keep it short.
          eventStorePollMs: 20,
          readModelFile: this.settings.file,
          readModelDatabaseUrl: this.settings.databaseUrl,
          holder: `${holder}:projections-thread`,
        },
      });
      await this.thread.start();
      logger.log(`projections running in a worker thread into ${this.rm.location}`);
      return;
    }
    this.daemon = new ProjectionDaemon({
      store: this.store,
      rm: this.rm,
      projections: allProjections(),
      holder,
      logger: log,
    });
    await this.daemon.start();
    logger.log(`projections running in process into ${this.rm.location}`);
  }

  /** Before the engine closes the store: the runners finish their batch and release their leases. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.daemon?.stop();
    await this.thread?.stop();
    await this.rm.close();
  }
}
