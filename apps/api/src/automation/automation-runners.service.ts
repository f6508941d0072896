import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AutoCloseTimers, RuleBookReader, autoAssign, autoCloseScheduling, standardChangeApproval } from '@itil/automation';
import { templateActor } from '@itil/change';
import type { Clock, CommandPipeline } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { ReactorRunner, type Reactor } from '@itil/reactors';
import { createTicketDecider, REFERENCE_RESOLVER, type ProcessDefinition, type ReferenceResolver } from '@itil/tickets';
import type { LifecycleCatalog } from '@itil/workflow';
import { CLOCK, COMMAND_PIPELINE, EVENT_STORE, LIFECYCLE_CATALOG } from '../engine/engine.tokens';
import { AUTOMATION_PROCESSES } from './automation.tokens';

import { policiesEnabled } from '../policies/policies-switch';

const logger = new Logger('Automation');

/** The rule runners follow the change policies' switch (`ITIL_POLICIES`, on by default; see policies-switch.ts). */
export const automationEnabled = (): boolean => policiesEnabled();
/** How often due auto-close timers are fired (ms of real time; 0: only when tick() is called, as tests do). */
export function timerInterval(): number {
  const raw = process.env.AUTOMATION_TIMER_INTERVAL_MS ?? '10000';
  // A typo must not switch the timers off in silence: resolved tickets would never close.
  if (!/^\d{1,9}$/.test(raw)) throw new Error(`AUTOMATION_TIMER_INTERVAL_MS must be a whole number of milliseconds (0: off), not '${raw}'`);
  return Number(raw);
}

@Injectable()
export class AutomationRunners implements OnApplicationBootstrap, OnModuleDestroy {
  private runners: ReactorRunner[] = [];
  private running: Promise<void>[] = [];
  private timers: AutoCloseTimers | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LIFECYCLE_CATALOG) private readonly catalog: LifecycleCatalog,
    @Inject(REFERENCE_RESOLVER) private readonly references: ReferenceResolver,
    @Inject(AUTOMATION_PROCESSES) private readonly processes: ProcessDefinition[],
  ) {}

  onApplicationBootstrap(): void {
    if (!automationEnabled()) return;
    const interval = timerInterval();
    const deciders = this.processes.map((def) => createTicketDecider(def, this.catalog));
    const change = deciders.find((d) => d.def.process === 'change');
    const rules = () => new RuleBookReader(this.store);
    const reactors: Reactor[] = [
      autoAssign({ deciders, references: this.references, rules: rules() }),
      autoCloseScheduling({ deciders, rules: rules(), pipeline: this.pipeline }),
      ...(change ? [standardChangeApproval({ change, references: this.references, rules: rules(), event: 'AUTHORISE_BY_TEMPLATE', templateActor })] : []),
    ];
    for (const reactor of reactors) {
      const runner = new ReactorRunner(this.store, this.pipeline, this.clock, reactor, {
        onOutcome: (event, outcome) => outcome.outcome === 'refused' && logger.warn(`${reactor.name} on ${event.type}: refused by ${outcome.streamId} (${outcome.code})`),
      });
      this.runners.push(runner);
      this.running.push(runner.run().catch((error: unknown) => logger.error(`${reactor.name} stopped: ${String(error)}`)));
    }
    this.timers = new AutoCloseTimers({
      store: this.store,
      pipeline: this.pipeline,
      clock: this.clock,
      deciders,
      references: this.references,
      onOutcome: (t, o) => o.outcome === 'refused' && logger.warn(`auto-close of ${t.data.ticketStream} refused (${o.code})`),
    });
    if (interval > 0) this.timers.start(interval, (error) => logger.error(`auto-close timers: ${String(error)}`));
  }

  status() {
    return { runners: this.runners.map((r) => r.status()), timersWaiting: this.timers?.waiting().length ?? 0 };
  }

  /** Resolves once every rule runner has handled the store up to its head now (tests: read-your-rules). */
  async settled(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== undefined) await Promise.all(this.runners.map((r) => r.handled(head)));
  }

  /** Fires the auto-close timers due at the clock's now. */
  tick() {
    if (!this.timers) throw new Error('automation is off (ITIL_POLICIES=off)');
    return this.timers.tick();
  }

  async onModuleDestroy(): Promise<void> {
    await this.timers?.stopped();
    await Promise.all(this.runners.map((r) => r.stop()));
    await Promise.all(this.running);
  }
}
