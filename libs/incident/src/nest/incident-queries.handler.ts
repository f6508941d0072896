import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMMAND_PIPELINE, unwrap, type CommandPipeline, type StoredEvent } from '@itil/engine';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { evolve, incidentStream } from '../incident.decider';
import { IncidentNotFoundError } from '../incident.errors';
import type { IncidentEvent } from '../incident.events';
import { initialIncident, type Incident } from '../incident.state';
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
    const events = (await this.pipeline.load(incidentStream(incidentId))).map((e) => unwrap<IncidentEvent>(e));
    if (events.length === 0) throw new IncidentNotFoundError(incidentId);
    const incident = events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as IncidentEvent), initialIncident());
    const lifecycle = await this.lifecycles.resolve(incident.lifecycle!.id, incident.lifecycle!.version);
    return { incident, revision: events[events.length - 1].revision, allowedEvents: lifecycle.allowedEvents(incident.status) };
  }
}

@QueryHandler(GetIncidentEventsQuery)
export class GetIncidentEventsHandler implements IQueryHandler<GetIncidentEventsQuery, StoredEvent<IncidentEvent>[]> {
  constructor(@Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline) {}

  async execute({ incidentId }: GetIncidentEventsQuery): Promise<StoredEvent<IncidentEvent>[]> {
    const events = await this.pipeline.load(incidentStream(incidentId));
    if (events.length === 0) throw new IncidentNotFoundError(incidentId);
    return events.map((e) => unwrap<IncidentEvent>(e));
  }
}
