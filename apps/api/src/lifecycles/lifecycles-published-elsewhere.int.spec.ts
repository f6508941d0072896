import { CommandPipeline, FixedClock, SequentialIds, envelop } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { incidentWriter } from '@itil/incident/testing/incident-writer';
import { LIFECYCLE_FOLLOWER, LifecycleAdmin, loadLifecycleCatalog, type LifecycleDefinition, type LifecycleFollower } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import { seed, STATE_MACHINES_DIR } from '@itil/lifecycles/test-support/definitions';
import { createTicketDecider, streamOf } from '@itil/tickets';
import { LIFECYCLE_CATALOG, type GuardRegistry, type LifecycleCatalog } from '@itil/workflow';
import { as, createTestApp, tempStoreFile } from '../test-support/test-app';

/**
 * The API and "another process" (the CLI) on one SQLite file: the other publishes a version and
 * logs a ticket on it. The API's store polls for other processes' commits only once a minute,
 * so whatever the API answers at once, it did not learn from its follower.
 */
async function apiAndCli(options: { pollIntervalMs?: number; cliGuards?: GuardRegistry } = {}) {
  const file = tempStoreFile();
  const t = await createTestApp({ file, pollIntervalMs: options.pollIntervalMs ?? 60_000 });
  const cli = new SqliteEventStore({ file });
  const clock = new FixedClock(new Date('2026-03-02T10:00:00Z'));
  const guards = { ...ALL_GUARDS, ...options.cliGuards };
  const catalog = await loadLifecycleCatalog({ store: cli, directory: STATE_MACHINES_DIR, guards, actions: ALL_ACTION_NAMES, clock, ids: new SequentialIds('cli') });
  const admin = new LifecycleAdmin({ store: cli, catalog, guards, actions: ALL_ACTION_NAMES, clock, ids: new SequentialIds('cli-admin') });
  const incidents = incidentWriter(new CommandPipeline(cli, new SequentialIds('cli-cmd')), createTicketDecider(incidentProcess, catalog), () => ({ now: clock.now(), actor: 'cli:pat' }));
  const publish = (definition: LifecycleDefinition) => admin.publish('incident', { definition, expectedVersion: 1 }, { actor: 'cli:pat', source: 'cli' });
  const logIncident = (incidentId: string) => incidents.open(incidentId, { title: 'Mail queue stuck', caller: 'caller:bo', impact: 'high', urgency: 'high' });
  const http = () => as(t.app, 'tester');
  const close = async () => {
    await cli.close();
    await t.close();
  };
  return { t, cli, publish, logIncident, http, close };
}

const edited = (edit: (d: LifecycleDefinition) => void) => {
  const d = seed('incident');
  edit(d);
  return d;
};
const streamOfIncident = (id: string) => streamOf(incidentProcess, id);
const ID = 'b0000000-0000-4000-8000-00000000000';

describe('Lifecycle versions published by another process', () => {
  let p: Awaited<ReturnType<typeof apiAndCli>>;
  afterEach(() => p.close());

  it('answers at once for a ticket on a version the CLI just published: the catalog loads it, no wait for the follower', async () => {
    p = await apiAndCli();
    await p.publish(edited((d) => (d.description = 'v2 from the CLI')));
    await p.logIncident(`${ID}1`);
    // The follower has not delivered v2 (it polls once a minute): the answer below loads it.
    expect(p.t.app.get<LifecycleCatalog>(LIFECYCLE_CATALOG).has('incident', 2)).toBe(false);

    const got = await p.http().get(`/incidents/${ID}1`).expect(200);
    expect(got.body).toMatchObject({ status: 'new', lifecycle: { id: 'incident', version: 2 }, allowedEvents: expect.arrayContaining([expect.objectContaining({ event: 'ASSIGN' })]) });
    const assigned = await p.http().post(`/incidents/${ID}1/assign`).send({ assignmentGroup: 'network', assignee: 'ana' }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', revision: 1 });
  });

  it('answers 503 with its own code for a ticket on a version this build cannot run, and reports it on /health', async () => {
    p = await apiAndCli({ pollIntervalMs: 5, cliGuards: { callerIsVip: () => true } });
    await p.publish(edited((d) => ((d.states.assigned.on!.START_WORK as { guard: string }).guard = 'callerIsVip')));
    await p.logIncident(`${ID}2`);

    const got = await p.http().get(`/incidents/${ID}2`).expect(503);
    expect(got.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(got.body).toMatchObject({ code: 'WORKFLOW.VERSION_UNUSABLE', machineId: 'incident', version: 2, reason: expect.stringMatching(/callerIsVip/) });
    const assign = await p.http().post(`/incidents/${ID}2/assign`).send({ assignmentGroup: 'messaging' }).expect(503);
    expect(assign.body.code).toBe('WORKFLOW.VERSION_UNUSABLE');
    // Tickets on versions this build can run are served as before.
    const fresh = await p.http().post('/incidents').send({ title: 'Still works', caller: 'caller:bo', impact: 'low', urgency: 'low' }).expect(201);
    expect((await p.http().get(`/incidents/${fresh.body.id}`).expect(200)).body.lifecycle).toEqual({ id: 'incident', version: 1 });

    const follower = p.t.app.get<LifecycleFollower>(LIFECYCLE_FOLLOWER);
    await follower.reached((await p.cli.headPosition())!);
    const health = await p.http().get('/health').expect(200);
    expect(health.body.details.lifecycles).toMatchObject({
      status: 'up',
      following: true,
      lastError: null,
      unusableVersions: [{ machineId: 'incident', version: 2, reason: expect.stringMatching(/unknown guard\(s\) callerIsVip/) }],
    });
    expect(BigInt(health.body.details.lifecycles.position)).toBeGreaterThanOrEqual((await p.cli.headPosition())!);

    await follower.stop();
    const down = await p.http().get('/health').expect(503);
    expect(down.body.error.lifecycles).toMatchObject({ status: 'down', following: false });
  });

  it('answers 500 with its own code, not 404, for a stored ticket pinned to a version the store does not have', async () => {
    p = await apiAndCli();
    const incidentId = `${ID}3`;
    const logged = envelop(
      { type: 'IncidentLogged', data: { incidentId, title: 'Written by another tool', description: '', caller: 'caller:bo', service: null, configurationItem: null, category: null, impact: 'low', urgency: 'low', priority: 5, priorityMatrix: 'itil-3x3@1', lifecycle: { id: 'incident', version: 9 }, state: 'new', loggedAt: '2026-03-02T10:00:00.000Z' } },
      { id: 'c0000000-0000-4000-8000-000000000001', streamId: streamOfIncident(incidentId), revision: 0n, actor: 'tool:import', occurredAt: new Date('2026-03-02T10:00:00Z'), correlationId: 'import', causationId: null, machine: { id: 'incident', version: 9 }, idempotencyKey: null, previousHash: null },
    );
    await p.cli.appendToStream(streamOfIncident(incidentId), [logged], { expectedRevision: 'no_stream' });

    const got = await p.http().get(`/incidents/${incidentId}`).expect(500);
    expect(got.body).toMatchObject({ code: 'WORKFLOW.PINNED_VERSION_MISSING', machineId: 'incident', version: 9 });
    const assign = await p.http().post(`/incidents/${incidentId}/assign`).send({ assignmentGroup: 'messaging' }).expect(500);
    expect(assign.body.code).toBe('WORKFLOW.PINNED_VERSION_MISSING');
    // A version the client names and the store lacks is still the client's 404.
    expect((await p.http().get('/lifecycles/incident/versions/9').expect(404)).body.code).toBe('LIFECYCLE.UNKNOWN_VERSION');
  });
});
