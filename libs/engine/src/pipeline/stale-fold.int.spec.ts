import type { EventStore } from '@itil/event-store';
import { SequentialIds } from '../ports/id-generator.port';
import { tempSqliteFile } from '../testing/temp-store';
import { NotebookRefusedError, close, note, notebookDecider, open } from '../testing/notebook-decider';
import { CommandPipeline } from './command-pipeline';

/**
 * The real store; when `gap.write` is set, it runs (once) just before the pipeline's next append:
 * another process's write lands between this pipeline's read and its append.
 */
function withGap(store: EventStore) {
  const gap: { write?: () => Promise<unknown> } = {};
  const proxied = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'appendToStream') return Reflect.get(target, prop, receiver) as unknown;
      return async (...args: Parameters<EventStore['appendToStream']>) => {
        const write = gap.write;
        gap.write = undefined;
        if (write) await write();
        return target.appendToStream(...args);
      };
    },
  });
  return { store: proxied, gap };
}

describe('A fold made stale by another process on the same SQLite file', () => {
  const tmp = tempSqliteFile('stale-');
  const a = tmp.open();
  const b = tmp.open();
  const other = new CommandPipeline(b, new SequentialIds('b'));
  afterAll(async () => {
    await a.close();
    await b.close();
    tmp.remove();
  });

  it('is refreshed from the store after the wrong expected version, and the command is decided again on it', async () => {
    const id = 'notebook-seq';
    const { store, gap } = withGap(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('a'));
    await pipeline.run(notebookDecider, id, open());
    await pipeline.run(notebookDecider, id, note('cached'));
    gap.write = () => other.run(notebookDecider, id, note('from B'));
    const result = await pipeline.run(notebookDecider, id, note('from A'));
    // Decided again on the stale fold, A's note would be seq 2 a second time.
    const stored = (await a.readStream(id)).map((e) => e.data);
    expect(stored.filter((d) => 'seq' in d).map((d) => [d.seq, d.text])).toEqual([[1, 'cached'], [2, 'from B'], [3, 'from A']]);
    expect(result.state).toMatchObject({ notes: 3, lastText: 'from A' });
    expect(result.revision).toBe(3n);
    // The cache now holds the true state.
    expect((await pipeline.run(notebookDecider, id, note('next'))).state.notes).toBe(4);
  });

  it('refuses, after the refresh, a command the other process made impossible meanwhile', async () => {
    const id = 'notebook-closed';
    const setup = new CommandPipeline(a, new SequentialIds('setup'));
    await setup.run(notebookDecider, id, open());
    const { store, gap } = withGap(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('a3'));
    await pipeline.run(notebookDecider, id, note('cached'));
    gap.write = () => other.run(notebookDecider, id, close('closed by B'));
    await expect(pipeline.run(notebookDecider, id, note('too late'))).rejects.toBeInstanceOf(NotebookRefusedError);
    expect((await a.readStream(id)).map((e) => e.type)).toEqual(['NotebookOpened', 'NoteTaken', 'NotebookClosed']);
  });
});
