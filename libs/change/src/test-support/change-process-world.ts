import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds, systemClock } from '@itil/engine';
import type { SqliteEventStore } from '@itil/event-store';
import { incidentGuards, incidentProcess } from '@itil/incident';
import { problemGuards, problemProcess } from '@itil/problem';
import { ReactorRunner, type Reactor } from '@itil/reactors';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { releaseGuards, releaseProcess } from '@itil/release';
import { createTicketDecider, emptySnapshot, mergeSnapshots, ReferencesNeeded, type TicketCommand, type TicketDecider } from '@itil/tickets';
import { LifecycleCatalog, mergeGuards } from '@itil/workflow';
import { ticketStreamResolver } from '../policies/ticket-stream-resolver';
import { defaultChangeData } from '../process/change-data';
import { ChangeScheduleIndex } from '../process/change-schedule';
import { changeGuards } from '../process/change.guards';
import { changeProcess } from '../process/change.process';
import { seedChangeWorld } from './change-world';

const machine = (path: string) => JSON.parse(readFileSync(join(__dirname, '../../../../state-machines/versions', path), 'utf8'));
export const NOW = new Date('2026-03-02T09:00:00Z');

/** Change, release, problem and incident on one real SQLite store, with the reference data the change rules need. */
export async function changeProcessWorld(store: SqliteEventStore) {
  const pipeline = new CommandPipeline(store, new SequentialIds('world'));
  const index = new ReferenceIndex(store);
  await index.start();
  await seedChangeWorld(new ReferenceDataService(pipeline, index));
  const catalog = LifecycleCatalog.fromConfigs(['change-normal/2.json', 'change-standard/2.json', 'release/2.json', 'problem/2.json', 'incident/2.json'].map(machine), mergeGuards(changeGuards, releaseGuards, problemGuards, incidentGuards));
  const schedule = new ChangeScheduleIndex();
  const change = createTicketDecider(changeProcess(defaultChangeData(), schedule), catalog);
  const release = createTicketDecider(releaseProcess, catalog);
  const problem = createTicketDecider(problemProcess, catalog);
  const incident = createTicketDecider(incidentProcess, catalog);
  const references = ticketStreamResolver(pipeline, [change, release, problem, incident], new EventSourcedReferences(index, async () => undefined));

  /** Sends a command as the API does (references resolved first) and feeds the schedule index with what it wrote. */
  async function send(decider: TicketDecider, id: string, type: TicketCommand['type'], data: Record<string, unknown>, actor = 'user:olga') {
    let refs = emptySnapshot();
    for (;;) {
      try {
        const result = await pipeline.run(decider, `${decider.def.process}-${id}`, { type, data: { ticketId: id, ...data }, references: refs, metadata: { now: NOW, actor } } as TicketCommand);
        for (const e of result.events) schedule.apply(`${decider.def.process}-${id}`, e.data);
        return result;
      } catch (error) {
        if (!(error instanceof ReferencesNeeded)) throw error;
        refs = mergeSnapshots(refs, await references.resolve(error.queries));
      }
    }
  }

  /** Runs a reactor until it has handled everything written so far, then stops it. */
  async function runToHead(reactor: Reactor) {
    const runner = new ReactorRunner(store, pipeline, systemClock, reactor, { backoff: () => 0 });
    const running = runner.run();
    const head = await store.headPosition();
    if (head !== undefined) await runner.handled(head);
    await runner.stop();
    await running;
    return runner.status();
  }

  const read = async (decider: TicketDecider, id: string) => (await pipeline.readState(decider, `${decider.def.process}-${id}`)).state;
  return { pipeline, references, change, release, problem, incident, schedule, send, runToHead, read };
}
