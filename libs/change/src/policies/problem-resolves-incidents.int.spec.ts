import { resolve } from 'node:path';
import { CommandPipeline, SequentialIds, systemClock } from '@itil/engine';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import { ReactorRunner } from '@itil/reactors';
import { ReferencesNeeded, mergeSnapshots, emptySnapshot, type TicketCommand, type TicketDecider } from '@itil/tickets';
import { incidentProblemWorld } from '../test-support/incident-problem-world';

import { spawnWorker } from '@itil/reactors/test-support/spawn-worker';

const WORKER = resolve(__dirname, '../test-support/policy-worker.ts');
const INCIDENTS = 40;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PROBLEM = uuid(999);

const worker = (file: string, head: bigint, until: (line: string) => boolean) => spawnWorker(WORKER, [file, head.toString()], until);

/** Seeds open incidents and a problem raised from them, resolved through a change; answers the head position. */
async function seed(pipeline: CommandPipeline, world: ReturnType<typeof incidentProblemWorld>): Promise<bigint> {
  let head = 0n;
  const send = async (decider: TicketDecider, id: string, command: Omit<TicketCommand, 'metadata' | 'references'>) => {
    let references = emptySnapshot();
    for (;;) {
      try {
        const result = await pipeline.run(decider, `${decider.def.process}-${id}`, { ...command, references, metadata: { now: new Date('2026-03-02T09:00:00Z'), actor: 'user:pat' } } as TicketCommand);
        head = result.position ?? head;
        return;
      } catch (error) {
        if (!(error instanceof ReferencesNeeded)) throw error;
        references = mergeSnapshots(references, await world.references.resolve(error.queries));
      }
    }
  };
  const ids = Array.from({ length: INCIDENTS }, (_, i) => uuid(i + 1));
  for (const id of ids) await send(world.incident, id, { type: 'OpenTicket', data: { ticketId: id, input: { title: `Mail bounce ${id}`, caller: 'caller:bob', impact: 'medium', urgency: 'medium' } } });
  await send(world.problem, PROBLEM, { type: 'OpenTicket', data: { ticketId: PROBLEM, input: { title: 'Relay pool exhausted', incidentIds: ids } } });
  const move = (event: string, input: Record<string, unknown>) => send(world.problem, PROBLEM, { type: 'MoveTicket', data: { ticketId: PROBLEM, event, input } });
  await move('ACCEPT', { problemOwner: 'pat' });
  await move('IDENTIFY_ROOT_CAUSE', { rootCause: 'Pool capped at 50' });
  await move('RAISE_CHANGE', { changeId: 'CHG-1042' });
  await move('CHANGE_IMPLEMENTED', { resolutionCode: 'config-fix', resolutionNotes: 'Pool raised to 500' });
  return head;
}

describe('Policy problem-resolves-incidents (libs/reactors, real SQLite)', () => {
  jest.setTimeout(180_000);

  it('resolves every linked incident exactly once when its runner is killed with SIGKILL part-way and restarted', async () => {
    const tmp = tempSqliteFile('change-policy-crash-');
    const store = tmp.open();
    const pipeline = new CommandPipeline(store, new SequentialIds('seed'));
    const head = await seed(pipeline, incidentProblemWorld(pipeline));
    await store.close();

    const first = worker(tmp.file, head, (line) => line === `handled ${INCIDENTS / 4}`);
    await first.reached;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const second = worker(tmp.file, head, (line) => line === 'done');
    await second.reached;
    expect(await second.exited).toBe(0);

    const check = tmp.open();
    const resolvedPer: number[] = [];
    for (let i = 1; i <= INCIDENTS; i++) {
      const events = await check.readStream(`incident-${uuid(i)}`);
      const resolved = events.filter((e) => (e.data as { via?: string }).via === 'RESOLVE');
      resolvedPer.push(resolved.length);
      for (const e of resolved) expect(e.metadata).toMatchObject({ actor: 'policy:problem-resolves-incidents' });
    }
    await check.close();
    tmp.remove();
    expect(resolvedPer).toEqual(Array(INCIDENTS).fill(1));
  });

  it('acts as the policy with causation the problem’s fact; in offer mode it writes nothing', async () => {
    const tmp = tempSqliteFile('change-policy-offer-');
    const store = tmp.open();
    const pipeline = new CommandPipeline(store, new SequentialIds('seed'));
    const world = incidentProblemWorld(pipeline);
    const head = await seed(pipeline, world);
    const resolvedBy = (await store.readStream(`problem-${PROBLEM}`)).at(-1)!;

    const offering = new ReactorRunner(store, pipeline, systemClock, { ...world.reactor('offer'), name: 'problem-offers-incidents' });
    const runningOffer = offering.run();
    await offering.handled(head);
    await offering.stop();
    await runningOffer;
    expect((await store.readStream(`incident-${uuid(1)}`)).length).toBe(1);

    const runner = new ReactorRunner(store, pipeline, systemClock, world.reactor('resolve'));
    const running = runner.run();
    await runner.handled(head);
    await runner.stop();
    await running;
    const [, resolved] = await store.readStream(`incident-${uuid(1)}`);
    expect(resolved.type).toBe('IncidentResolved');
    expect(resolved.metadata).toMatchObject({ actor: 'policy:problem-resolves-incidents', causationId: resolvedBy.id });
    expect(runner.status().outcomes).toEqual({ written: INCIDENTS, 'already-done': 0, refused: 0 });
    await store.close();
    tmp.remove();
  });
});
