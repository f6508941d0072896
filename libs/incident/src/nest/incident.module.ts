import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteIncidentCommandHandler } from './execute-incident-command.handler';
import { GetIncidentEventsHandler, GetIncidentHandler } from './incident-queries.handler';

/**
 * Incident management over the command and query buses. COMMAND_PIPELINE and LIFECYCLE_CATALOG
 * come from the app's (global) engine module.
 */
@Module({
  imports: [CqrsModule],
  providers: [ExecuteIncidentCommandHandler, GetIncidentHandler, GetIncidentEventsHandler],
})
export class IncidentModule {}
