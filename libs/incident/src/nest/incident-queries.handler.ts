import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMMAND_PIPELINE, type CommandPipeline, type StoredEvent } from '@itil/engine';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { incidentEvolver, incidentStream } from '../incident.decider';
import { IncidentNotFoundError } from '../incident.errors';
import type { IncidentEvent } from '../incident.events';
import type { Incident } from '../incident.state';
import { GetIncidentEventsQuery, GetIncidentQuery } from './incident.messages';


export interface IncidentView {
  incident: Incident;
  revision: bigint;
  /** Lifecycle events the current state has transitions for (guards decide the rest). */
  allowedEvents: string[];
}

/** The state of an incident folded from its stream: the write model, read straight from the log. */
@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery, IncidentView> {
  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIFECYCLE_CATALOG) private readonly lifecycles: LifecycleCatalog,
  ) {}

  async execute({ incidentId }: GetIncidentQuery): Promise<IncidentView> {
    // The pipeline's fold: upcast old schemas, skip event types this build does not know.
    const { state: incident, revision } = await this.pipeline.readState(incidentEvolver, incidentStream(incidentId));
    if (!incident.exists) throw new IncidentNotFoundError(incidentId);
    // A version published by another process and not yet followed here is loaded from its stream.
    const lifecycle = await this.lifecycles.resolve(incident.lifecycle!.id, incident.lifecycle!.version);
    return { incident, revision, allowedEvents: lifecycle.allowedEvents(incident.status) };
  }
}

@QueryHandler(GetIncidentEventsQuery)
export class GetIncidentEventsHandler implements IQueryHandler<GetIncidentEventsQuery, StoredEvent<IncidentEvent>[]> {
  constructor(@Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline) {}

  async execute({ incidentId }: GetIncidentEventsQuery): Promise<StoredEvent<IncidentEvent>[]> {
    const events = await this.pipeline.read<IncidentEvent>(incidentStream(incidentId));
    if (events.length === 0) throw new IncidentNotFoundError(incidentId);
    return events;
  }
}
