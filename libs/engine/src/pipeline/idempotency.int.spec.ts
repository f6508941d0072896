import { SequentialIds } from '../ports/id-generator.port';
import { envelop, unwrap } from '../envelope/envelope-codec';
import { tempSqliteFile } from '../testing/temp-store';
import { at, close, note, notebookDecider, open } from '../testing/notebook-decider';
import { CommandPipeline } from './command-pipeline';
import { IdempotencyKeyReusedError } from './pipeline.errors';

const S = 'notebook-1';

describe('Idempotency keys with a fingerprint', () => {
  const tmp = tempSqliteFile('idem-');
  const stores: ReturnType<typeof tmp.open>[] = [];
  const start = (options = {}) => {
    const store = tmp.open();
    stores.push(store);
    return { store, pipeline: new CommandPipeline(store, new SequentialIds(`p${stores.length}`), options) };
  };
  const stream = async (store: ReturnType<typeof tmp.open>, id = S) => (await store.readStream(id)).map((e) => e.data);
  let n = 0;
  const fresh = () => `notebook-${++n}`;
  afterAll(async () => {
    for (const s of stores) await s.close();
    tmp.remove();
  });

  it('replays the first result for the same key and the same command, writing nothing', async () => {
    const { store, pipeline } = start();
    const id = fresh();
    await pipeline.run(notebookDecider, id, open());
    const first = await pipeline.run(notebookDecider, id, note('hello'), { idempotencyKey: 'k1' });
    const again = await pipeline.run(notebookDecider, id, note('hello'), { idempotencyKey: 'k1' });
    expect(again).toMatchObject({ replayed: true, revision: 1n, position: first.position });
    expect(again.events.map((e) => [e.id, e.data])).toEqual(first.events.map((e) => [e.id, e.data]));
    expect(await stream(store, id)).toHaveLength(2);
  });

  it('refuses the same key for another command type or another body, and writes nothing', async () => {
    const { store, pipeline } = start();
    const id = fresh();
    await pipeline.run(notebookDecider, id, open());
    await pipeline.run(notebookDecider, id, note('add the VPN runbook'), { idempotencyKey: 'k1' });
    // Today's bug: these replayed the note and were silently dropped.
    await expect(pipeline.run(notebookDecider, id, note('another note'), { idempotencyKey: 'k1' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const error = await pipeline.run(notebookDecider, id, close(), { idempotencyKey: 'k1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', idempotencyKey: 'k1', firstRevision: 1n });
    expect(await stream(store, id)).toEqual([{ title: 'ops' }, { seq: 1, text: 'add the VPN runbook' }]);
  });

  it("scopes keys to the caller: another caller's key 1 runs its own command and never receives the first result", async () => {
    const { store, pipeline } = start();
    const id = fresh();
    await pipeline.run(notebookDecider, id, open());
    const ana = await pipeline.run(notebookDecider, id, note('from ana', 'user:ana'), { idempotencyKey: '1' });
    const bob = await pipeline.run(notebookDecider, id, note('from bob', 'user:bob'), { idempotencyKey: '1' });
    expect(bob.replayed).toBe(false);
    expect(bob.events[0].id).not.toBe(ana.events[0].id);
    expect(await stream(store, id)).toEqual([{ title: 'ops' }, { seq: 1, text: 'from ana' }, { seq: 2, text: 'from bob' }]);
    // Each caller's retry replays its own result.
    expect((await pipeline.run(notebookDecider, id, note('from bob', 'user:bob'), { idempotencyKey: '1' })).events[0].id).toBe(bob.events[0].id);
  });

  it('looks the key up before the revision: a retried If-Match request that succeeded replays instead of answering 409', async () => {
    const { store, pipeline } = start();
    const id = fresh();
    await pipeline.run(notebookDecider, id, open());
    const first = await pipeline.run(notebookDecider, id, note('once'), { idempotencyKey: 'k-if', expectedRevision: 0n });
    const retry = await pipeline.run(notebookDecider, id, note('once'), { idempotencyKey: 'k-if', expectedRevision: 0n });
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await stream(store, id)).toHaveLength(2);
  });

  it('keeps honouring keys after a restart: a new pipeline on the same file replays from the store, and refuses a reuse', async () => {
    const before = start();
    const id = fresh();
    await before.pipeline.run(notebookDecider, id, open());
    const first = await before.pipeline.run(notebookDecider, id, note('before the restart'), { idempotencyKey: 'k-restart' });
    await before.store.close();
    stores.splice(stores.indexOf(before.store), 1);

    const after = start();
    const replay = await after.pipeline.run(notebookDecider, id, note('before the restart'), { idempotencyKey: 'k-restart' });
    expect(replay.replayed).toBe(true);
    expect(replay.events.map((e) => [e.id, e.revision, e.data, e.envelope.hash])).toEqual(first.events.map((e) => [e.id, e.revision, e.data, e.envelope.hash]));
    await expect(after.pipeline.run(notebookDecider, id, note('something else'), { idempotencyKey: 'k-restart' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stream(after.store, id)).toHaveLength(2);
  });

  it('replays on the key alone an event stored before fingerprints existed', async () => {
    const { store, pipeline } = start();
    const id = fresh();
    await pipeline.run(notebookDecider, id, open());
    const [opened] = (await store.readStream(id)).map((e) => unwrap(e));
    const old = envelop(
      { type: 'NoteTaken', data: { seq: 1, text: 'from an older build' } },
      { id: '9b0a9a8e-1c1d-4e2f-8a3b-4c5d6e7f8a9b', streamId: id, revision: 1n, actor: 'user:ana', occurredAt: at, correlationId: 'c', causationId: null, machine: null, idempotencyKey: 'k-old', previousHash: opened.envelope.hash },
    );
    delete (old.metadata as Record<string, unknown>).commandFingerprint;
    await store.appendToStream(id, [old], { expectedRevision: 0n });
    const replay = await pipeline.run(notebookDecider, id, note('whatever the body'), { idempotencyKey: 'k-old' });
    expect(replay).toMatchObject({ replayed: true, events: [{ id: old.id, data: { seq: 1, text: 'from an older build' } }] });
    expect(await stream(store, id)).toHaveLength(2);
  });

  it('keeps ids, revisions and fingerprints in memory, never the events: 25 keyed 9 KB notes hold a few KB', async () => {
    const { pipeline } = start();
    const ids = Array.from({ length: 4 }, fresh);
    const big = 'x'.repeat(9 * 1024);
    for (const id of ids) {
      await pipeline.run(notebookDecider, id, open());
      for (let i = 0; i < 25; i++) await pipeline.run(notebookDecider, id, note(`${i} ${big}`), { idempotencyKey: `note-${i}` });
    }
    const { streams, keyBytes } = pipeline.cacheStats();
    expect(streams).toBe(4);
    // Before: every keyed event was kept (4 x 25 x 9 KB = 900 KB); now a few hundred bytes a key.
    expect(keyBytes).toBeLessThan(4 * 25 * 400);
    expect(keyBytes).toBeGreaterThan(0);
  });

  it('bounds the cached keys in bytes: folds beyond the budget are dropped and rebuilt from the store when next used', async () => {
    const { store, pipeline } = start({ cachedKeyBytes: 4_000 });
    const ids = Array.from({ length: 10 }, fresh);
    const first = new Map<string, string>();
    for (const id of ids) {
      await pipeline.run(notebookDecider, id, open());
      for (let i = 0; i < 5; i++) {
        const result = await pipeline.run(notebookDecider, id, note(`n${i}`), { idempotencyKey: `k${i}` });
        if (i === 0) first.set(id, result.events[0].id);
      }
    }
    const stats = pipeline.cacheStats();
    expect(stats.keyBytes).toBeLessThanOrEqual(4_000);
    expect(stats.streams).toBeLessThan(10);
    // The first stream was dropped long ago: its keys are still honoured, from the store.
    const replay = await pipeline.run(notebookDecider, ids[0], note('n0'), { idempotencyKey: 'k0' });
    expect(replay.events[0].id).toBe(first.get(ids[0]));
    await expect(pipeline.run(notebookDecider, ids[0], note('changed'), { idempotencyKey: 'k0' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stream(store, ids[0])).toHaveLength(6);
  });

  it('replays, across two processes on one file, a key the other process wrote while this one was deciding', async () => {
    const a = start();
    const b = start();
    const id = fresh();
    await a.pipeline.run(notebookDecider, id, open());
    await a.pipeline.run(notebookDecider, id, note('warm the cache'));
    // Process A decides on its cached fold; before its append lands, process B writes the very
    // same keyed command (a client retried against the other instance).
    let fromB: Awaited<ReturnType<typeof b.pipeline.run>> | undefined;
    const interleaved = new Proxy(a.store, {
      get(target, prop, receiver) {
        if (prop !== 'appendToStream') return Reflect.get(target, prop, receiver) as unknown;
        return async (...args: Parameters<typeof target.appendToStream>) => {
          fromB ??= await b.pipeline.run(notebookDecider, id, note('the retried one'), { idempotencyKey: 'k-race' });
          return target.appendToStream(...args);
        };
      },
    });
    const pipelineA = new CommandPipeline(interleaved, new SequentialIds('a2'));
    const resultA = await pipelineA.run(notebookDecider, id, note('the retried one'), { idempotencyKey: 'k-race' });
    expect(resultA.replayed).toBe(true);
    expect(fromB!.replayed).toBe(false);
    expect(resultA.events[0].id).toBe(fromB!.events[0].id);
    const texts = (await a.store.readStream(id)).map((e) => unwrap(e).data.text);
    expect(texts.filter((t) => t === 'the retried one')).toHaveLength(1);
  });
});
