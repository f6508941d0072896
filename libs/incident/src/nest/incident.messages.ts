import type { CommandOptions } from '@itil/engine';
import type { IncidentCommand } from '../incident.commands';

/** The CQRS message for every incident command: the domain command plus its delivery options. */
export class ExecuteIncidentCommand {
  constructor(
    readonly command: IncidentCommand,
    readonly options: CommandOptions = {},
  ) {}
}

export class GetIncidentQuery {
  constructor(readonly incidentId: string) {}
}

export class GetIncidentEventsQuery {
  constructor(readonly incidentId: string) {}
}
