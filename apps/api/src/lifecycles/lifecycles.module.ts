import { Module } from '@nestjs/common';
import { CLOCK, COMMAND_PIPELINE, ID_GENERATOR, type Clock, type CommandPipeline, type IdGenerator } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { LifecycleAdmin } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { LifecyclesController } from './lifecycles.controller';

/**
 * Lifecycle administration over HTTP. The admin publishes into the very catalog the engine
 * decides with (LIFECYCLE_CATALOG), so a published version is live for new tickets at once.
 */
@Module({
  controllers: [LifecyclesController],
  providers: [
    {
      provide: LifecycleAdmin,
      inject: [EVENT_STORE, LIFECYCLE_CATALOG, CLOCK, ID_GENERATOR, COMMAND_PIPELINE],
      useFactory: (store: EventStore, catalog: LifecycleCatalog, clock: Clock, ids: IdGenerator, pipeline: CommandPipeline) =>
        new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids, pipeline }),
    },
  ],
})
export class LifecyclesHttpModule {}
