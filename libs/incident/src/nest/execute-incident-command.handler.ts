import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_PIPELINE, type CommandPipeline, type CommandResult, type Decider } from '@itil/engine';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { createIncidentDecider, incidentStream } from '../incident.decider';
import type { IncidentCommand } from '../incident.commands';
import type { IncidentEvent } from '../incident.events';
import type { Incident } from '../incident.state';
import { ExecuteIncidentCommand } from './incident.messages';


/** Thin: load, decide, append with the revision, retry on conflict — all in the pipeline. */
@CommandHandler(ExecuteIncidentCommand)
export class ExecuteIncidentCommandHandler implements ICommandHandler<ExecuteIncidentCommand, CommandResult<Incident, IncidentEvent>> {
  /** One decider for the handler's life: the pipeline caches folds per decider. */
  private readonly decider: Decider<IncidentCommand, IncidentEvent, Incident>;

  constructor(
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(LIFECYCLE_CATALOG) private readonly lifecycles: LifecycleCatalog,
  ) {
    this.decider = createIncidentDecider(lifecycles);
  }

  execute({ command, options }: ExecuteIncidentCommand): Promise<CommandResult<Incident, IncidentEvent>> {
    // A ticket pinned to a version published elsewhere a moment ago: load it, then decide.
    return this.lifecycles.resolving(() => this.pipeline.run(this.decider, incidentStream(command.data.incidentId), command, options));
  }
}
