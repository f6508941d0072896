import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { validateEngineConfig } from './config/engine.config';
import { EngineModule } from './engine/engine.module';
import { HealthController } from './health/health.controller';
import { LifecyclesHttpModule } from './lifecycles/lifecycles.module';
import { TicketsHttpModule } from './tickets/tickets.module';
import { incidentProcess } from '@itil/incident';
import { SlaHttpModule } from './sla/sla.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEngineConfig, ignoreEnvFile: true }),
    CqrsModule.forRoot(),
    TerminusModule,
    EngineModule,
    // Every process's HTTP, generated from its definition and its live lifecycles.
    TicketsHttpModule.register({ processes: [incidentProcess] }),
    LifecyclesHttpModule,
    SlaHttpModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
