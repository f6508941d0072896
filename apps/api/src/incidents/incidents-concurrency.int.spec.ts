import request from 'supertest';
import type { Server } from 'node:http';
import { unwrap } from '@itil/engine';
import { createIncidentDecider, incidentStream, type IncidentEvent } from '@itil/incident';
import { LifecycleCatalog, readMachineFiles } from '@itil/workflow';
import { ALL_GUARDS } from '@itil/lifecycles';
import { authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const COMMANDS: [string, object][] = [
  ['assign', { assignmentGroup: 'network', assignee: 'ana' }],
  ['start-work', {}],
  ['pend', { reason: 'awaiting_caller' }],
  ['resume', {}],
  ['comments', { text: 'note' }],
  ['resolve', { resolutionCode: 'fix', resolutionNotes: 'done' }],
  ['reopen', { reason: 'again' }],
  ['assign', { assignmentGroup: 'desktop' }],
];

describe('Incident API: 50 concurrent clients on one incident', () => {
  let t: TestApp;
  let server: Server;
  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => t.close());

  it('gives each a success or a clean 409/422, never a 5xx, and the state equals the fold of the stream', async () => {
    const { body } = await request(server).post('/incidents').set(authHeader('tester')).send({ title: 'Outage', caller: 'bob', impact: 'high', urgency: 'high' }).expect(201);
    const id = body.id as string;
    // Half the clients send If-Match with the revision they saw at the start: most will be stale.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const [command, payload] = COMMANDS[i % COMMANDS.length];
        const req = request(server).post(`/incidents/${id}/${command}`).set(authHeader(`client-${i}`));
        if (i % 2 === 1) req.set('If-Match', '"0"');
        return req.send(payload);
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => [200, 409, 422].includes(s))).toBe(true);
    const succeeded = responses.filter((r) => r.status === 200);
    expect(succeeded.length).toBeGreaterThan(0);

    const stream = await t.store.readStream(incidentStream(id));
    // No event lost, none duplicated: one event per success, revisions 0..n without holes.
    expect(stream).toHaveLength(1 + succeeded.length);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => BigInt(i)));
    expect(new Set(succeeded.map((r) => r.body.revision)).size).toBe(succeeded.length);
    expect(new Set(stream.map((e) => e.metadata.actor)).size).toBe(stream.length);

    const decider = createIncidentDecider(LifecycleCatalog.fromConfigs(readMachineFiles('./state-machines'), ALL_GUARDS));
    const folded = stream.map((e) => unwrap<IncidentEvent>(e)).reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as IncidentEvent), decider.initialState());
    const state = await request(server).get(`/incidents/${id}`).set(authHeader('tester')).expect(200);
    expect(state.body).toMatchObject({ status: folded.status, assignee: folded.assignee, revision: stream.length - 1 });
  });
});
