import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IncidentModule } from '@itil/incident/nest';
import { IncidentsController } from './incidents.controller';

@Module({ imports: [CqrsModule, IncidentModule], controllers: [IncidentsController] })
export class IncidentsHttpModule {}
