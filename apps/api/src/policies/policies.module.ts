import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  changeCollisions,
  changeFailureVisible,
  incidentCausedByChange,
  problemChangeLink,
  problemResolvesIncidents,
  releaseMembership,
  templateReviewOnFailure,
  ticketStreamResolver,
} from '@itil/change';
import type { Clock, CommandPipeline } from '@itil/engine';
import { START, type EventStore, type Position, type Subscription } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { problemProcess } from '@itil/problem';
import { ReactorRunner, type Reactor } from '@itil/reactors';
import { createTicketDecider, REFERENCE_RESOLVER, type ReferenceResolver } from '@itil/tickets';
import type { LifecycleCatalog } from '@itil/workflow';
import { CLOCK, COMMAND_PIPELINE, EVENT_STORE, LIFECYCLE_CATALOG } from '../engine/engine.tokens';
import { CHANGE_SCHEDULE, changeProcessDefinition, releaseProcessDefinition } from './change-processes';

import { policiesEnabled } from './policies-switch';

const logger = new Logger('Policies');


/** `resolve` (default) or `offer`: whether resolving a problem through a change resolves its incidents or only offers to. */
export const problemResolutionMode = (): 'resolve' | 'offer' => (process.env.POLICY_PROBLEM_RESOLVES_INCIDENTS === 'offer' ? 'offer' : 'resolve');

/**
 * Runs the cross-process policies of change enablement (issue 17, item 7) on libs/reactors, each
 * from its own checkpoint, and keeps the index of change windows that collision detection reads.
 */
@Module({})
export class PoliciesModule implements OnApplicationBootstrap, OnModuleDestroy {
  private runners: ReactorRunner[] = [];
  private running: Promise<void>[] = [];
  private schedule: Subscription | undefined;
  private schedulePosition: Position | undefined;
  private scheduleWaiters: { position: Position; resolve: () => void }[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMMAND_PIPELINE) private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LIFECYCLE_CATALOG) private readonly catalog: LifecycleCatalog,
    @Inject(REFERENCE_RESOLVER) private readonly references: ReferenceResolver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The windows of changes, from the start of the log and then as they are written.
    this.schedule = this.store.subscribeToAll({ fromPosition: START, filter: { streamNamePrefixes: ['change-'] }, onCheckpoint: (p) => this.scheduleAt(p) });
    void (async () => {
      for await (const e of this.schedule!) {
        CHANGE_SCHEDULE.apply(e.streamId, e.data);
        this.scheduleAt(e.position);
      }
    })().catch((error: unknown) => logger.error(`change schedule index stopped: ${String(error)}`));

    if (!policiesEnabled()) return;
    const [change, release, problem, incident] = [changeProcessDefinition, releaseProcessDefinition, problemProcess, incidentProcess].map((def) => createTicketDecider(def, this.catalog));
    const references = ticketStreamResolver(this.pipeline, [change, release, problem, incident], this.references);
    const reactors: Reactor[] = [
      problemResolvesIncidents({ problem, incident, references, mode: problemResolutionMode() }),
      incidentCausedByChange(change, references),
      changeCollisions(change, references),
      problemChangeLink(change, references),
      releaseMembership(change, references),
      changeFailureVisible({ change, release, problem }, references),
      // A failed standard change sends its template version back for review (change data).
      templateReviewOnFailure(change),
    ];
    for (const reactor of reactors) {
      const runner = new ReactorRunner(this.store, this.pipeline, this.clock, reactor, {
        onOutcome: (event, outcome) => outcome.outcome === 'refused' && logger.warn(`policy:${reactor.name} on ${event.type}: refused by ${outcome.streamId} (${outcome.code})`),
      });
      this.runners.push(runner);
      this.running.push(runner.run().catch((error: unknown) => logger.error(`policy:${reactor.name} stopped: ${String(error)}`)));
    }
  }

  private scheduleAt(position: Position): void {
    if (this.schedulePosition !== undefined && position <= this.schedulePosition) return;
    this.schedulePosition = position;
    for (const w of this.scheduleWaiters.filter((x) => x.position <= position)) w.resolve();
    this.scheduleWaiters = this.scheduleWaiters.filter((x) => x.position > position);
  }

  private scheduleHandled(position: Position): Promise<void> {
    if (this.schedulePosition !== undefined && this.schedulePosition >= position) return Promise.resolve();
    return new Promise((resolve) => this.scheduleWaiters.push({ position, resolve }));
  }

  /** Status of each policy (position, outcomes), for tests and health. */
  status() {
    return this.runners.map((r) => r.status());
  }

  /** Resolves once every policy has handled the store up to its head now (tests: read-your-policies). */
  async settled(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== undefined) await Promise.all([this.scheduleHandled(head), ...this.runners.map((r) => r.handled(head))]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule?.unsubscribe();
    await Promise.all(this.runners.map((r) => r.stop()));
    await Promise.all(this.running);
  }
}
