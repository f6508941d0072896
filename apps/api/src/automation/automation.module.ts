import { Module } from '@nestjs/common';
import { AutomationRules } from '@itil/automation';
import type { CommandPipeline } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { problemProcess } from '@itil/problem';
import { serviceRequestProcess } from '@itil/service-request';
import { REFERENCE_RESOLVER, type ProcessDefinition, type ReferenceResolver } from '@itil/tickets';
import { COMMAND_PIPELINE, EVENT_STORE } from '../engine/engine.tokens';
import { changeProcessDefinition, releaseProcessDefinition } from '../policies/change-processes';
import { AutomationRulesController } from './automation-rules.controller';
import { AutomationRunners } from './automation-runners.service';
import { AutomationStatusController } from './automation-status.controller';
import { AUTOMATION_PROCESSES } from './automation.tokens';

const PROCESSES: ProcessDefinition[] = [incidentProcess, problemProcess, serviceRequestProcess, changeProcessDefinition, releaseProcessDefinition];

/** Automation rules (issue 17 item 8): their versions over HTTP, and the runners that apply them. */
@Module({
  controllers: [AutomationRulesController, AutomationStatusController],
  providers: [
    { provide: AUTOMATION_PROCESSES, useValue: PROCESSES },
    {
      provide: AutomationRules,
      inject: [EVENT_STORE, COMMAND_PIPELINE, REFERENCE_RESOLVER, AUTOMATION_PROCESSES],
      useFactory: (store: EventStore, pipeline: CommandPipeline, references: ReferenceResolver, processes: ProcessDefinition[]) =>
        new AutomationRules(store, pipeline, references, processes.map((p) => p.process)),
    },
    AutomationRunners,
  ],
})
export class AutomationModule {}
