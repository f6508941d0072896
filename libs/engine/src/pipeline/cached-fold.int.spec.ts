import type { EventStore } from '@itil/event-store';
import { SequentialIds } from '../ports/id-generator.port';
import { tempSqliteFile } from '../testing/temp-store';
import { NotebookRefusedError, close, note, notebookDecider, open } from '../testing/notebook-decider';
import { CommandPipeline } from './command-pipeline';
import { DecisionNeedsInput } from './pipeline.errors';

/** The real store, counting the reads the pipeline makes. */
function counted(store: EventStore) {
  const reads = { count: 0 };
  const proxied = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'readStream') return (...args: Parameters<EventStore['readStream']>) => (reads.count++, target.readStream(...args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxied, reads };
}

describe('A cached fold on the write path', () => {
  const tmp = tempSqliteFile('cached-');
  const a = tmp.open();
  const b = tmp.open();
  afterAll(async () => {
    await a.close();
    await b.close();
    tmp.remove();
  });

  it('is used without reading the store while it is current: the append validates it', async () => {
    const { store, reads } = counted(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('c1'));
    await pipeline.run(notebookDecider, 'nb-lean', open());
    reads.count = 0;
    for (let i = 0; i < 5; i++) await pipeline.run(notebookDecider, 'nb-lean', note(`n${i}`));
    expect(reads.count).toBe(0);
    expect((await a.readStream('nb-lean')).length).toBe(6);
  });

  it('is read again after another connection wrote to the file (its change epoch moved)', async () => {
    const { store, reads } = counted(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('c2'));
    await pipeline.run(notebookDecider, 'nb-epoch', open());
    await new CommandPipeline(b, new SequentialIds('c2b')).run(notebookDecider, 'nb-epoch', close('by B'));
    reads.count = 0;
    await expect(pipeline.run(notebookDecider, 'nb-epoch', note('too late'))).rejects.toBeInstanceOf(NotebookRefusedError);
    expect(reads.count).toBe(1);
  });

  it('is read again after a soft delete through the same store', async () => {
    const pipeline = new CommandPipeline(a, new SequentialIds('c3'));
    await pipeline.run(notebookDecider, 'nb-deleted', open());
    await a.deleteStream('nb-deleted');
    // On the stale fold the note would be accepted; the stream now reads as empty (not open).
    await expect(pipeline.run(notebookDecider, 'nb-deleted', note('after delete'))).rejects.toBeInstanceOf(NotebookRefusedError);
  });

  it('decides again on the store state when a writer the epoch cannot see made it stale: an If-Match with the true revision is accepted', async () => {
    const pipeline = new CommandPipeline(a, new SequentialIds('c4'));
    await pipeline.run(notebookDecider, 'nb-ifmatch', open());
    // A second pipeline on the same store: no epoch change, only the revision tells.
    await new CommandPipeline(a, new SequentialIds('c4b')).run(notebookDecider, 'nb-ifmatch', note('other'));
    const result = await pipeline.run(notebookDecider, 'nb-ifmatch', note('mine'), { expectedRevision: 1n });
    expect(result.revision).toBe(2n);
  });

  it('decides a command on a new stream without reading the store, and caches the fold it wrote', async () => {
    const { store, reads } = counted(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('c5'));
    await pipeline.run(notebookDecider, 'nb-fresh', open(), { newStream: true });
    await pipeline.run(notebookDecider, 'nb-fresh', note('next'));
    expect(reads.count).toBe(0);
    expect((await a.readStream('nb-fresh')).map((e) => e.type)).toEqual(['NotebookOpened', 'NoteTaken']);
  });

  it('reads the stream and decides again when a stream said to be new exists after all', async () => {
    await new CommandPipeline(b, new SequentialIds('c6b')).run(notebookDecider, 'nb-not-fresh', open());
    const { store, reads } = counted(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('c6'));
    // The append's no-stream check fails; decided again on the store's state, opening an open notebook is a no-op.
    const result = await pipeline.run(notebookDecider, 'nb-not-fresh', open(), { newStream: true });
    expect(result).toMatchObject({ events: [], revision: 0n });
    expect(reads.count).toBe(1);
    expect((await a.readStream('nb-not-fresh')).length).toBe(1);
  });

  it('hands a request for more input to the caller at once, without reading the store to confirm the cached fold', async () => {
    class NeedsTitle extends DecisionNeedsInput {}
    const asking = { ...notebookDecider, decide: (c: Parameters<typeof notebookDecider.decide>[0], s: Parameters<typeof notebookDecider.decide>[1]) => {
      if (c.type === 'Note' && c.data.text === '?') throw new NeedsTitle('which notebook?');
      return notebookDecider.decide(c, s);
    } };
    const { store, reads } = counted(a);
    const pipeline = new CommandPipeline(store, new SequentialIds('c7'));
    await pipeline.run(asking, 'nb-input', open());
    reads.count = 0;
    await expect(pipeline.run(asking, 'nb-input', note('?'))).rejects.toBeInstanceOf(NeedsTitle);
    await pipeline.run(asking, 'nb-input', note('with the input'));
    expect(reads.count).toBe(0);
  });
});
