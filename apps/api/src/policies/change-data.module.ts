import { Inject, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ChangeDataAdmin } from '@itil/change';
import type { Clock, CommandPipeline } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { CLOCK, COMMAND_PIPELINE, EVENT_STORE } from '../engine/engine.tokens';
import { ApprovalRulesController, FreezeCalendarsController, RiskQuestionnairesController, StandardChangeTemplatesController } from './change-data.controller';
import { CHANGE_DATA } from './change-processes';

const logger = new Logger('ChangeData');

/**
 * Change data over HTTP, and the catalog the change policies read kept as a read model of the
 * log: rebuilt and seeded before the API answers (onModuleInit), then followed, so a version
 * published through another process reaches this one's policies.
 */
@Module({
  controllers: [RiskQuestionnairesController, ApprovalRulesController, FreezeCalendarsController, StandardChangeTemplatesController],
  providers: [
    {
      provide: ChangeDataAdmin,
      inject: [EVENT_STORE, COMMAND_PIPELINE, CLOCK],
      useFactory: (store: EventStore, pipeline: CommandPipeline, clock: Clock) => new ChangeDataAdmin({ store, pipeline, clock, catalog: CHANGE_DATA }),
    },
  ],
  exports: [ChangeDataAdmin],
})
export class ChangeDataHttpModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(ChangeDataAdmin) private readonly admin: ChangeDataAdmin) {}

  async onModuleInit(): Promise<void> {
    const seeded = await this.admin.start((error) => logger.error(`change data catalog stopped following the log: ${String(error)}`));
    if (seeded > 0) logger.log(`seeded ${seeded} default change data version(s)`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.stop();
  }
}
