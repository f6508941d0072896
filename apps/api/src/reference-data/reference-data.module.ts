import { Global, Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { COMMAND_PIPELINE, type CommandPipeline } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { REFERENCE_RESOLVER } from '@itil/tickets';
import { CatalogItemsController } from './catalog-items.controller';
import { ConfigurationItemsController } from './configuration-items.controller';
import { GroupsController } from './groups.controller';
import { ReferenceHttp } from './reference-http';
import { REFERENCE_DATA_SERVICE, REFERENCE_INDEX } from './reference-data.tokens';
import { ServicesController } from './services.controller';
import { UsersController } from './users.controller';

/** REFERENCE_RESOLVER answered from the event-sourced records (for the tickets module to bind). */
export const eventSourcedResolver: Provider = {
  provide: REFERENCE_RESOLVER,
  inject: [REFERENCE_INDEX],
  useFactory: (index: ReferenceIndex) => new EventSourcedReferences(index),
};

/**
 * Reference data over HTTP, and the ticket engine's REFERENCE_RESOLVER answered from it. The
 * index follows the store from start-up (history folded before the app serves), so records
 * written by the CLI or another instance are known here.
 */
@Global()
@Module({
  controllers: [UsersController, GroupsController, ConfigurationItemsController, ServicesController, CatalogItemsController],
  providers: [
    {
      provide: REFERENCE_INDEX,
      inject: [EVENT_STORE],
      useFactory: async (store: EventStore) => {
        const index = new ReferenceIndex(store);
        await index.start();
        return index;
      },
    },
    {
      provide: REFERENCE_DATA_SERVICE,
      inject: [COMMAND_PIPELINE, REFERENCE_INDEX],
      useFactory: (pipeline: CommandPipeline, index: ReferenceIndex) => new ReferenceDataService(pipeline, index),
    },
    eventSourcedResolver,
    ReferenceHttp,
  ],
  exports: [REFERENCE_INDEX, REFERENCE_DATA_SERVICE, REFERENCE_RESOLVER],
})
export class ReferenceDataHttpModule implements OnApplicationShutdown {
  constructor(@Inject(REFERENCE_INDEX) private readonly index: ReferenceIndex) {}

  async onApplicationShutdown(): Promise<void> {
    await this.index.stop();
  }
}
