import { RevisionConflictError, SequentialIds, CommandPipeline, unwrap, verifyHash } from '@itil/engine';
import { SqliteEventStore, StreamNotFoundError } from '@itil/event-store';
import { TransitionNotAllowedError } from '@itil/workflow';
import { createIncidentDecider, incidentStream } from './incident.decider';
import { IncidentNotFoundError } from './incident.errors';
import { ID, cmd, incidentCatalog } from './test-support/incident-fixtures';

function setup() {
  const store = new SqliteEventStore({ file: ':memory:' });
  const pipeline = new CommandPipeline(store, new SequentialIds());
  const decider = createIncidentDecider(incidentCatalog());
  const run = (c: ReturnType<typeof cmd>, options = {}) => pipeline.run(decider, incidentStream(ID), c, options);
  return { store, pipeline, decider, run };
}
const log = cmd('LogIncident', { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'high' });

describe('The command pipeline on a real store', () => {
  it('loads, decides and appends, returning the new revision and state', async () => {
    const { run, store } = setup();
    await run(log);
    const result = await run(cmd('AssignIncident', { assignmentGroup: 'network', assignee: 'ana' }));
    expect(result.revision).toBe(1n);
    expect(result.state.status).toBe('assigned');
    expect((await store.readStream(incidentStream(ID))).map((e) => e.type)).toEqual(['IncidentLogged', 'IncidentAssigned']);
    await store.close();
  });

  it('wraps every event in the envelope: actor, times, correlation, causation, machine, chained hash', async () => {
    const { run, store } = setup();
    await run(log, { correlationId: 'corr-1', idempotencyKey: 'k-1' });
    await run(cmd('AssignIncident', { assignmentGroup: 'network' }));
    const [first, second] = (await store.readStream(incidentStream(ID))).map((e) => unwrap(e));
    expect(first.envelope).toMatchObject({
      schemaVersion: 1,
      actor: 'agent:ana',
      occurredAt: '2026-03-02T10:00:00.000Z',
      correlationId: 'corr-1',
      machine: { id: 'incident', version: 1 },
      idempotencyKey: 'k-1',
      previousHash: null,
    });
    expect(first.envelope.causationId).toEqual(expect.any(String));
    expect(second.envelope.previousHash).toBe(first.envelope.hash);
    expect(verifyHash(first) && verifyHash(second)).toBe(true);
    expect(verifyHash({ ...second, data: { ...second.data, assignmentGroup: 'tampered' } })).toBe(false);
    await store.close();
  });

  it('returns the first result for a repeated idempotency key and writes nothing', async () => {
    const { run, store } = setup();
    await run(log);
    const first = await run(cmd('CommentOnIncident', { text: 'hello' }), { idempotencyKey: 'comment-1' });
    const again = await run(cmd('CommentOnIncident', { text: 'hello' }), { idempotencyKey: 'comment-1' });
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await store.readStream(incidentStream(ID))).toHaveLength(2);
    await store.close();
  });

  it('writes nothing when the decider refuses', async () => {
    const { run, store } = setup();
    await run(log);
    await expect(run(cmd('ResolveIncident', { resolutionCode: 'x', resolutionNotes: 'y' }))).rejects.toBeInstanceOf(TransitionNotAllowedError);
    expect(await store.readStream(incidentStream(ID))).toHaveLength(1);
    await store.close();
  });

  it('answers a stale If-Match revision with a revision conflict, without retrying', async () => {
    const { run, store } = setup();
    await run(log);
    await run(cmd('CommentOnIncident', { text: 'a' }));
    const error = await run(cmd('CommentOnIncident', { text: 'b' }), { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionConflictError);
    expect(error).toMatchObject({ expectedRevision: 0n, actualRevision: 1n });
    expect(await store.readStream(incidentStream(ID))).toHaveLength(2);
    await store.close();
  });

  it('retries on conflict so that concurrent commands from several writers all land, each exactly once', async () => {
    const { run, store, decider } = setup();
    await run(log);
    // Three pipelines stand for three processes sharing the store: they do race, and retry.
    const writers = [0, 1, 2].map((n) => new CommandPipeline(store, new SequentialIds(`writer-${n}`)));
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => writers[i % 3].run(decider, incidentStream(ID), cmd('CommentOnIncident', { text: `c${i}` }))),
    );
    const revisions = results.map((r) => r.revision).sort((a, b) => (a < b ? -1 : 1));
    expect(revisions).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i + 1)));
    const stream = await store.readStream(incidentStream(ID));
    expect(stream).toHaveLength(25);
    expect(new Set(stream.map((e) => (e.data as { text?: string }).text)).size).toBe(25);
    const chain = stream.map((e) => unwrap(e));
    for (let i = 1; i < chain.length; i++) expect(chain[i].envelope.previousHash).toBe(chain[i - 1].envelope.hash);
    await store.close();
  });

  it('queues commands to one stream within a process instead of failing them', async () => {
    const { run, store } = setup();
    await run(log);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => run(cmd('CommentOnIncident', { text: `q${i}` }))));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 30 }, (_, i) => BigInt(i + 1)));
    await store.close();
  });

  it('forgets a cached fold when its stream was deleted meanwhile, and writes nothing', async () => {
    const { run, store } = setup();
    await run(log);
    await run(cmd('CommentOnIncident', { text: 'cached now' }));
    await store.deleteStream(incidentStream(ID));
    // Deciding on the stale cached fold would accept this comment; the true history is empty.
    await expect(run(cmd('CommentOnIncident', { text: 'after delete' }))).rejects.toBeInstanceOf(IncidentNotFoundError);
    // A soft-deleted stream keeps its revisions: re-logging from an empty history is a conflict.
    await expect(run(log)).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(store.readStream(incidentStream(ID))).rejects.toBeInstanceOf(StreamNotFoundError);
    await store.close();
  });

  it('decides on the true state when another process wrote after the fold was cached', async () => {
    const { run, store, decider } = setup();
    await run(log);
    await run(cmd('AssignIncident', { assignmentGroup: 'network', assignee: 'ana' }));
    // Another process (another pipeline) starts work; this pipeline's cached fold is now stale.
    await new CommandPipeline(store, new SequentialIds('other')).run(decider, incidentStream(ID), cmd('StartWorkOnIncident', {}));
    const result = await run(cmd('ResolveIncident', { resolutionCode: 'fix', resolutionNotes: 'done' }));
    expect(result.state.status).toBe('resolved');
    expect(result.revision).toBe(3n);
    await store.close();
  });
});
