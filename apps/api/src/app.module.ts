import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { validateEngineConfig } from './config/engine.config';
import { EngineModule } from './engine/engine.module';
import { HealthController } from './health/health.controller';
import { IncidentsHttpModule } from './incidents/incidents.module';
import { LifecyclesHttpModule } from './lifecycles/lifecycles.module';
import { ReferenceDataHttpModule } from './reference-data/reference-data.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEngineConfig, ignoreEnvFile: true }),
    CqrsModule.forRoot(),
    TerminusModule,
    EngineModule,
    IncidentsHttpModule,
    LifecyclesHttpModule,
    ReferenceDataHttpModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
