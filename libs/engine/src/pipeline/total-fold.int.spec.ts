import { randomUUID } from 'node:crypto';
import type { EventData, JsonObject } from '@itil/event-store';
import { SqliteEventStore } from '@itil/event-store';
import { envelop, unwrap, verifyHash } from '../envelope/envelope-codec';
import { SequentialIds } from '../ports/id-generator.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { at, note, notebookDecider, open } from '../testing/notebook-decider';
import { CommandPipeline } from './command-pipeline';

/** An event written by something else than this build's deciders (a newer build, another tool). */
function foreign(streamId: string, revision: bigint, previousHash: string | null, type: string, data: JsonObject, schemaVersion = 1): EventData {
  return envelop(
    { type, data },
    { id: randomUUID(), streamId, revision, actor: 'tool:importer', occurredAt: at, correlationId: 'x', causationId: null, machine: null, idempotencyKey: null, previousHash, schemaVersion },
  );
}
const lastHash = async (store: SqliteEventStore, id: string) => unwrap((await store.readStream(id, { direction: 'backwards', maxCount: 1 }))[0]).envelope.hash;

describe('Folds are total: an event this build does not know is skipped, never folded', () => {
  const setup = (upcasters?: UpcasterRegistry) => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const warnings: string[] = [];
    const pipeline = new CommandPipeline(store, new SequentialIds(), { upcasters, logger: { warn: (m) => warnings.push(m) } });
    return { store, pipeline, warnings };
  };

  it('keeps deciding, reading and caching the true state when another writer appends an unknown type', async () => {
    const { store, pipeline, warnings } = setup();
    await pipeline.run(notebookDecider, 'nb', open('ops'));
    await pipeline.run(notebookDecider, 'nb', note('one')); // the fold is cached now
    await store.appendToStream('nb', [foreign('nb', 2n, await lastHash(store, 'nb'), 'NotebookArchivedInV2', { shelf: 'b' })], { expectedRevision: 1n });
    // Before: the event replaced the state, and the cached fold stayed broken.
    const result = await pipeline.run(notebookDecider, 'nb', note('two'));
    expect(result.state).toEqual({ opened: true, closed: false, title: 'ops', notes: 2, lastText: 'two' });
    expect(result.revision).toBe(3n);
    // A new pipeline (nothing cached) and a query fold the same.
    const view = await new CommandPipeline(store, new SequentialIds('q'), { logger: { warn: () => undefined } }).readState(notebookDecider, 'nb');
    expect(view).toMatchObject({ state: { title: 'ops', notes: 2 }, revision: 3n });
    expect(view.events.map((e) => e.type)).toEqual(['NotebookOpened', 'NoteTaken', 'NotebookArchivedInV2', 'NoteTaken']);
    expect(warnings).toEqual([expect.stringContaining('does not know the event type NotebookArchivedInV2')]);
    await store.close();
  });

  it('reports each unknown type once, however often it is folded', async () => {
    const { store, pipeline, warnings } = setup();
    await pipeline.run(notebookDecider, 'a', open());
    await pipeline.run(notebookDecider, 'b', open());
    for (const id of ['a', 'b']) {
      await store.appendToStream(id, [foreign(id, 1n, await lastHash(store, id), 'Mystery', {}), foreign(id, 2n, null, 'Mystery', {}), foreign(id, 3n, null, 'Riddle', {})]);
    }
    for (let i = 0; i < 3; i++) {
      await pipeline.run(notebookDecider, 'a', note(`a${i}`));
      await pipeline.readState(notebookDecider, 'b');
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('Mystery');
    expect(warnings[1]).toContain('Riddle');
    await store.close();
  });

  it('skips an event of a known type stored with a schema newer than this build knows', async () => {
    const { store, pipeline, warnings } = setup();
    await pipeline.run(notebookDecider, 'nb', open());
    await store.appendToStream('nb', [foreign('nb', 1n, await lastHash(store, 'nb'), 'NoteTaken', { sequence: 9, body: { md: 'x' } }, 3)]);
    const result = await pipeline.run(notebookDecider, 'nb', note('mine'));
    expect(result.state).toMatchObject({ notes: 1, lastText: 'mine' });
    expect(warnings).toEqual([expect.stringContaining('schema 3 of NoteTaken is newer')]);
    await store.close();
  });
});

describe('Upcasters bring old schemas to the current one on read', () => {
  // Schema 1 of NoteTaken was { n, body }; schema 2 (what the decider folds) is { seq, text }.
  const upcasters = () => new UpcasterRegistry().register('NoteTaken', 1, (d) => ({ seq: d.n, text: d.body }));

  it('folds and reads an event stored with schema 1 in the shape of schema 2, leaving the stored event as written', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const pipeline = new CommandPipeline(store, new SequentialIds(), { upcasters: upcasters() });
    await pipeline.run(notebookDecider, 'nb', open());
    await store.appendToStream('nb', [foreign('nb', 1n, await lastHash(store, 'nb'), 'NoteTaken', { n: 1, body: 'written by v1' }, 1)], { expectedRevision: 0n });

    // Deciding: the next note is numbered after the upcast one.
    const result = await pipeline.run(notebookDecider, 'nb', note('written now'));
    expect(result.events[0].data).toEqual({ seq: 2, text: 'written now' });
    expect(result.events[0].envelope.schemaVersion).toBe(2);
    // Reading: both notes in schema 2, the old one saying where it came from.
    const events = await pipeline.read('nb');
    expect(events.slice(1).map((e) => [e.data, e.envelope.schemaVersion, e.upcastFrom])).toEqual([
      [{ seq: 1, text: 'written by v1' }, 2, 1],
      [{ seq: 2, text: 'written now' }, 2, undefined],
    ]);
    expect((await pipeline.readState(notebookDecider, 'nb')).state).toMatchObject({ notes: 2, lastText: 'written now' });
    // The log keeps the event as written, and its hash still holds.
    const [, stored] = (await store.readStream('nb')).map((e) => unwrap(e));
    expect(stored.data).toEqual({ n: 1, body: 'written by v1' });
    expect(verifyHash(stored)).toBe(true);
    expect(() => verifyHash(events[1])).toThrow(/as stored/);
    await store.close();
  });

  it('chains steps (1 -> 2 -> 3) and refuses a second upcaster for the same step', () => {
    const registry = upcasters().register('NoteTaken', 2, (d) => ({ ...d, format: 'plain' }));
    expect(registry.currentVersion('NoteTaken')).toBe(3);
    expect(registry.currentVersion('NotebookOpened')).toBe(1);
    const source = { type: 'NoteTaken', streamId: 's', envelope: { schemaVersion: 1 } as never, data: { n: 4, body: 'b' } };
    expect(registry.upcast(source)?.data).toEqual({ seq: 4, text: 'b', format: 'plain' });
    expect(() => registry.register('NoteTaken', 2, (d) => d)).toThrow(/already/);
  });
});
