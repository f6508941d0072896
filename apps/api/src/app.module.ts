import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from './auth/auth.module';
import { validateEngineConfig } from './config/engine.config';
import { EngineModule } from './engine/engine.module';
import { HealthController } from './health/health.controller';
import { LifecyclesHttpModule } from './lifecycles/lifecycles.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ChangeCalendarModule } from './read-models/change-calendar.module';
import { ReferenceDataHttpModule, eventSourcedResolver } from './reference-data/reference-data.module';
import { TicketsHttpModule } from './tickets/tickets.module';
import { incidentProcess } from '@itil/incident';
import { ObservabilityModule } from './observability/observability.module';
import { problemProcess } from '@itil/problem';
import { serviceRequestProcess } from '@itil/service-request';
import { SlaHttpModule } from './sla/sla.module';
import { PoliciesModule } from './policies/policies.module';
import { ChangeDataHttpModule } from './policies/change-data.module';
import { ImprovementsHttpModule } from './improvements/improvements.module';
import { AutomationModule } from './automation/automation.module';
import { changeProcessDefinition, releaseProcessDefinition } from './policies/change-processes';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEngineConfig, ignoreEnvFile: true }),
    CqrsModule.forRoot(),
    TerminusModule,
    ObservabilityModule,
    EngineModule,
    AuthModule,
    // Before the generated routes: GET /changes/calendar must not be taken for GET /changes/:id.
    ChangeCalendarModule,
    // Every process's HTTP, generated from its definition and its live lifecycles.
    // References (groups, CIs, services, catalog items) resolve from the event-sourced reference data.
    TicketsHttpModule.register({ processes: [incidentProcess, problemProcess, serviceRequestProcess, changeProcessDefinition, releaseProcessDefinition], references: eventSourcedResolver }),
    LifecyclesHttpModule,
    ReadModelsModule,
    ReferenceDataHttpModule,
    SlaHttpModule,
    ChangeDataHttpModule,
    PoliciesModule,
    ImprovementsHttpModule,
    AutomationModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
