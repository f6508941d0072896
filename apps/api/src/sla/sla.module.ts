import { Module } from '@nestjs/common';
import { CLOCK, COMMAND_PIPELINE, ID_GENERATOR, type Clock, type CommandPipeline, type IdGenerator } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { SlaAdmin } from '@itil/sla';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { SlaCalendarsController, SlaPoliciesController } from './sla-documents.controller';
import { SlaSchedulerService, slaSchedulerIntervalProvider } from './sla-scheduler.service';
import { SlaTicketsController } from './sla-tickets.controller';

/**
 * SLA over HTTP. The admin reads published versions from the log; for lifecycle state meta it
 * falls back on the engine's catalog (versions seeded from files before any event said so).
 */
@Module({
  controllers: [SlaCalendarsController, SlaPoliciesController, SlaTicketsController],
  providers: [
    slaSchedulerIntervalProvider,
    SlaSchedulerService,
    {
      provide: SlaAdmin,
      inject: [EVENT_STORE, CLOCK, ID_GENERATOR, COMMAND_PIPELINE, LIFECYCLE_CATALOG],
      useFactory: (store: EventStore, clock: Clock, ids: IdGenerator, pipeline: CommandPipeline, catalog: LifecycleCatalog) =>
        new SlaAdmin({ store, clock, ids, pipeline, stateMeta: (m, state) => (catalog.has(m.id, m.version) ? catalog.get(m.id, m.version).meta(state) : undefined) }),
    },
  ],
})
export class SlaHttpModule {}
