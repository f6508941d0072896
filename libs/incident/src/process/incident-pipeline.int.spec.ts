import { RevisionConflictError, SequentialIds, CommandPipeline, unwrap, verifyHash } from '@itil/engine';
import { SqliteEventStore, StreamNotFoundError } from '@itil/event-store';
import { createTicketDecider, streamOf, TicketNotFoundError } from '@itil/tickets';
import { TransitionNotAllowedError } from '@itil/workflow';
import { ID, incidentCatalog, meta } from '../test-support/incident-fixtures';
import { incidentWriter } from '../testing/incident-writer';
import { incidentProcess } from './incident.process';

const STREAM = streamOf(incidentProcess, ID);

/** The incident on the ticket engine's decider, through the command pipeline, on a real store. */
function setup() {
  const store = new SqliteEventStore({ file: ':memory:' });
  const decider = createTicketDecider(incidentProcess, incidentCatalog());
  const writerOn = (pipeline: CommandPipeline) => incidentWriter(pipeline, decider, () => meta);
  const incident = writerOn(new CommandPipeline(store, new SequentialIds()));
  const log = (options = {}) => incident.open(ID, { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'high' }, options);
  return { store, incident, writerOn, log };
}

describe('The incident on the command pipeline and a real store', () => {
  it('loads, decides and appends, returning the new revision and state', async () => {
    const { incident, store, log } = setup();
    await log();
    const result = await incident.move(ID, 'ASSIGN', { assignmentGroup: 'network', assignee: 'ana' });
    expect(result.revision).toBe(1n);
    expect(result.state.state).toBe('assigned');
    expect((await store.readStream(STREAM)).map((e) => e.type)).toEqual(['IncidentLogged', 'IncidentAssigned']);
    await store.close();
  });

  it('wraps every event in the envelope: actor, times, correlation, causation, machine, chained hash', async () => {
    const { incident, store, log } = setup();
    await log({ correlationId: 'corr-1', idempotencyKey: 'k-1' });
    await incident.move(ID, 'ASSIGN', { assignmentGroup: 'network' });
    const [first, second] = (await store.readStream(STREAM)).map((e) => unwrap(e));
    expect(first.envelope).toMatchObject({
      schemaVersion: 2,
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
    expect(verifyHash({ ...second, data: { ...second.data, fields: { assignmentGroup: 'tampered' } } })).toBe(false);
    await store.close();
  });

  it('returns the first result for a repeated idempotency key and writes nothing', async () => {
    const { incident, store, log } = setup();
    await log();
    const first = await incident.comment(ID, { text: 'hello' }, { idempotencyKey: 'comment-1' });
    const again = await incident.comment(ID, { text: 'hello' }, { idempotencyKey: 'comment-1' });
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await store.readStream(STREAM)).toHaveLength(2);
    await store.close();
  });

  it('writes nothing when the decider refuses', async () => {
    const { incident, store, log } = setup();
    await log();
    await expect(incident.move(ID, 'RESOLVE', { resolutionCode: 'x', resolutionNotes: 'y' })).rejects.toBeInstanceOf(TransitionNotAllowedError);
    expect(await store.readStream(STREAM)).toHaveLength(1);
    await store.close();
  });

  it('answers a stale If-Match revision with a revision conflict, without retrying', async () => {
    const { incident, store, log } = setup();
    await log();
    await incident.comment(ID, { text: 'a' });
    const error = await incident.comment(ID, { text: 'b' }, { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionConflictError);
    expect(error).toMatchObject({ expectedRevision: 0n, actualRevision: 1n });
    expect(await store.readStream(STREAM)).toHaveLength(2);
    await store.close();
  });

  it('retries on conflict so that concurrent commands from several writers all land, each exactly once', async () => {
    const { store, log, writerOn } = setup();
    await log();
    // Three pipelines stand for three processes sharing the store: they do race, and retry.
    const writers = [0, 1, 2].map((n) => writerOn(new CommandPipeline(store, new SequentialIds(`writer-${n}`))));
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => writers[i % 3].comment(ID, { text: `c${i}` })),
    );
    const revisions = results.map((r) => r.revision).sort((a, b) => (a < b ? -1 : 1));
    expect(revisions).toEqual(Array.from({ length: 24 }, (_, i) => BigInt(i + 1)));
    const stream = await store.readStream(STREAM);
    expect(stream).toHaveLength(25);
    expect(new Set(stream.map((e) => (e.data as { text?: string }).text)).size).toBe(25);
    const chain = stream.map((e) => unwrap(e));
    for (let i = 1; i < chain.length; i++) expect(chain[i].envelope.previousHash).toBe(chain[i - 1].envelope.hash);
    await store.close();
  });

  it('queues commands to one stream within a process instead of failing them', async () => {
    const { incident, store, log } = setup();
    await log();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => incident.comment(ID, { text: `q${i}` })));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 30 }, (_, i) => BigInt(i + 1)));
    await store.close();
  });

  it('forgets a cached fold when its stream was deleted meanwhile, and writes nothing', async () => {
    const { incident, store, log } = setup();
    await log();
    await incident.comment(ID, { text: 'cached now' });
    await store.deleteStream(STREAM);
    // Deciding on the stale cached fold would accept this comment; the true history is empty.
    await expect(incident.comment(ID, { text: 'after delete' })).rejects.toBeInstanceOf(TicketNotFoundError);
    // A soft-deleted stream keeps its revisions: re-logging from an empty history is a conflict.
    await expect(log()).rejects.toBeInstanceOf(RevisionConflictError);
    await expect(store.readStream(STREAM)).rejects.toBeInstanceOf(StreamNotFoundError);
    await store.close();
  });

  it('decides on the true state when another process wrote after the fold was cached', async () => {
    const { incident, store, log, writerOn } = setup();
    await log();
    await incident.move(ID, 'ASSIGN', { assignmentGroup: 'network', assignee: 'ana' });
    // Another process (another pipeline) starts work; this pipeline's cached fold is now stale.
    await writerOn(new CommandPipeline(store, new SequentialIds('other'))).move(ID, 'START_WORK');
    const result = await incident.move(ID, 'RESOLVE', { resolutionCode: 'fix', resolutionNotes: 'done' });
    expect(result.state.state).toBe('resolved');
    expect(result.revision).toBe(3n);
    await store.close();
  });
});
