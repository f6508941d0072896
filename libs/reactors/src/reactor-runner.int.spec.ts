import { CommandPipeline, FixedClock, SequentialIds, type Command } from '@itil/engine';
import { close, note, notebookDecider, open } from '@itil/engine/testing/notebook-decider';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import type { EventStore } from '@itil/event-store';
import { readCheckpoint } from './reactor-checkpoint';
import { ReactorRunner } from './reactor-runner';
import { MIRRORS, mirrorReactor } from './test-support/mirror-reactor';

const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
const pipelineOn = (store: EventStore, seed: string) => new CommandPipeline(store, new SequentialIds(seed));

async function source(store: EventStore, notes: number): Promise<bigint> {
  const pipeline = pipelineOn(store, 'source');
  for (const mirror of MIRRORS) await pipeline.run(notebookDecider, mirror, open(mirror));
  await pipeline.run(notebookDecider, 'notebook-source', open('source'));
  let last = 0n;
  for (let i = 1; i <= notes; i++) last = (await pipeline.run(notebookDecider, 'notebook-source', note(`n${i}`))).position!;
  return last;
}

async function copies(store: EventStore): Promise<{ text: string; actor: string; causationId: string | null }[]> {
  const pipeline = pipelineOn(store, 'reader');
  const all = [];
  for (const mirror of MIRRORS) {
    for (const e of await pipeline.read(mirror)) if (e.type === 'NoteTaken') all.push({ text: (e.data as { text: string }).text, actor: e.envelope.actor, causationId: e.envelope.causationId });
  }
  return all.sort((a, b) => a.text.localeCompare(b.text, 'en', { numeric: true }));
}

async function runUntil(runner: ReactorRunner, position: bigint): Promise<void> {
  const running = runner.run();
  await runner.handled(position);
  await runner.stop();
  await running;
}

describe('Reactor runner: policies that act on other streams exactly once', () => {
  let tmp: ReturnType<typeof tempSqliteFile>;
  let store: EventStore;
  beforeEach(() => {
    tmp = tempSqliteFile('reactors-');
    store = tmp.open();
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it('acts once per event, as the policy, with causation pointing at the event that triggered it', async () => {
    const head = await source(store, 12);
    const sourceEvents = await pipelineOn(store, 'r').read('notebook-source');
    const runner = new ReactorRunner(store, pipelineOn(store, 'runner'), clock, mirrorReactor(), { backoff: () => 0 });
    await runUntil(runner, head);

    const made = await copies(store);
    expect(made.map((c) => c.text)).toEqual(Array.from({ length: 12 }, (_, i) => `copy of n${i + 1}`));
    expect(new Set(made.map((c) => c.actor))).toEqual(new Set(['policy:mirror']));
    const noteIds = sourceEvents.filter((e) => e.type === 'NoteTaken').map((e) => e.id);
    expect(made.map((c) => c.causationId).sort()).toEqual([...noteIds].sort());
    // 13 events handled: the source notebook's opening (no reaction) and its 12 notes.
    expect(runner.status()).toMatchObject({ state: 'stopped', handled: 13, outcomes: { written: 12, 'already-done': 0, refused: 0 } });
    expect((await readCheckpoint(store, 'mirror')).position).toBe(head);
  });

  it('a restart from a lost checkpoint acts on nothing twice: every reaction replays its first result', async () => {
    const head = await source(store, 8);
    await runUntil(new ReactorRunner(store, pipelineOn(store, 'a'), clock, mirrorReactor(), { backoff: () => 0 }), head);
    await store.deleteStream('reactor-mirror'); // progress lost, as after a crash before the first checkpoint

    const again = new ReactorRunner(store, pipelineOn(store, 'b'), clock, mirrorReactor(), { backoff: () => 0 });
    await runUntil(again, head);
    expect((await copies(store)).length).toBe(8);
    expect(again.status().outcomes).toEqual({ written: 0, 'already-done': 8, refused: 0 });
  });

  it('two runners at once on one store, each with its own pipeline (as two processes), act once in total', async () => {
    const head = await source(store, 30);
    const a = new ReactorRunner(store, pipelineOn(store, 'a'), clock, mirrorReactor(), { backoff: () => 0, checkpointEvery: 4 });
    const b = new ReactorRunner(store, pipelineOn(store, 'b'), clock, mirrorReactor(), { backoff: () => 0, checkpointEvery: 7 });
    await Promise.all([runUntil(a, head), runUntil(b, head)]);
    const made = await copies(store);
    expect(made.length).toBe(30);
    expect(new Set(made.map((c) => c.text)).size).toBe(30);
    expect(a.status().outcomes.written + b.status().outcomes.written).toBe(30);
  });

  it('records a domain refusal and goes on (the mirror was closed: nothing to write there)', async () => {
    const head = await source(store, 3);
    await pipelineOn(store, 'x').run(notebookDecider, MIRRORS[2], close()); // n3 -> mirror 0, n1 -> 1, n2 -> 2
    const outcomes: string[] = [];
    const runner = new ReactorRunner(store, pipelineOn(store, 'r'), clock, mirrorReactor(), { backoff: () => 0, onOutcome: (_, o) => outcomes.push(o.outcome === 'refused' ? `refused ${o.code}` : o.outcome) });
    await runUntil(runner, head);
    expect(outcomes).toEqual(['written', 'refused NOTEBOOK.NOT_ALLOWED', 'written']);
  });

  it('stops at an event it cannot handle, never skipping it, and takes it up again after a restart', async () => {
    const head = await source(store, 5);
    const failOn = { text: 'n3' as string | null };
    const failing = new ReactorRunner(store, pipelineOn(store, 'f'), clock, mirrorReactor({ failOn }), { backoff: () => 0, attempts: 3, checkpointEvery: 1 });
    await expect(failing.run()).rejects.toThrow(/mirror dependency unavailable for n3/);
    expect(failing.status()).toMatchObject({ state: 'failed', handled: 3 }); // the opening, n1, n2
    expect((await copies(store)).map((c) => c.text)).toEqual(['copy of n1', 'copy of n2']);
    const checkpoint = (await readCheckpoint(store, 'mirror')).position!;
    const n3 = (await pipelineOn(store, 'r').read('notebook-source')).find((e) => (e.data as { text?: string }).text === 'n3')!;
    expect(checkpoint < n3.position).toBe(true);

    failOn.text = null; // the dependency is back
    await runUntil(new ReactorRunner(store, pipelineOn(store, 'g'), clock, mirrorReactor({ failOn }), { backoff: () => 0 }), head);
    expect((await copies(store)).map((c) => c.text)).toEqual(['copy of n1', 'copy of n2', 'copy of n3', 'copy of n4', 'copy of n5']);
  });
});

// Keep the unused type import honest for isolatedModules.
export type { Command };
