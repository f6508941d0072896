import { resolve } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { note, notebookDecider, open } from '@itil/engine/testing/notebook-decider';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import { MIRRORS } from './test-support/mirror-reactor';

import { spawnWorker } from './test-support/spawn-worker';

const WORKER = resolve(__dirname, 'test-support/reactor-worker.ts');
const NOTES = 300;

/** Starts the worker; resolves with it once it has printed `until` (a line), or when it exits. */
const worker = (file: string, head: bigint, until: (line: string) => boolean) => spawnWorker(WORKER, [file, head.toString()], until);

describe('Reactor runner: killed with SIGKILL part-way and restarted', () => {
  jest.setTimeout(180_000);

  it('acts exactly once per event in total', async () => {
    const tmp = tempSqliteFile('reactor-crash-');
    const store = tmp.open();
    const pipeline = new CommandPipeline(store, new SequentialIds('crash'));
    for (const mirror of MIRRORS) await pipeline.run(notebookDecider, mirror, open(mirror));
    await pipeline.run(notebookDecider, 'notebook-source', open('source'));
    let head = 0n;
    for (let i = 1; i <= NOTES; i++) head = (await pipeline.run(notebookDecider, 'notebook-source', note(`n${i}`))).position!;
    await store.close();

    // First run: killed once it has handled a third of the notes, in the middle of its work.
    const first = worker(tmp.file, head, (line) => line === `handled ${NOTES / 3}`);
    await first.reached;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const second = worker(tmp.file, head, (line) => line === 'done');
    await second.reached;
    expect(await second.exited).toBe(0);

    const check = tmp.open();
    const copies: string[] = [];
    for (const mirror of MIRRORS) for (const e of await check.readStream(mirror)) if (e.type === 'NoteTaken') copies.push((e.data as { text: string }).text);
    await check.close();
    tmp.remove();
    expect(copies).toHaveLength(NOTES);
    expect(new Set(copies).size).toBe(NOTES);
  });
});
