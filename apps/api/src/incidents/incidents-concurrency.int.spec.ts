import request from 'supertest';
import type { Server } from 'node:http';
import { unwrap } from '@itil/engine';
import { incidentProcess } from '@itil/incident';
import { createTicketDecider, streamOf, type TicketEvent } from '@itil/tickets';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
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
    t = await createTestApp({ laterVersions: true });
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

    const stream = await t.store.readStream(streamOf(incidentProcess, id));
    // No event lost, none duplicated: one event per success, revisions 0..n without holes.
    expect(stream).toHaveLength(1 + succeeded.length);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => BigInt(i)));
    expect(new Set(succeeded.map((r) => r.body.revision)).size).toBe(succeeded.length);
    expect(new Set(stream.map((e) => e.metadata.actor)).size).toBe(stream.length);

    // A decider of its own (no cache shared with the app) folds the stream from the store.
    const decider = createTicketDecider(incidentProcess, t.app.get<LifecycleCatalog>(LIFECYCLE_CATALOG));
    const folded = stream.map((e) => unwrap<TicketEvent>(e)).reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data }), decider.initialState());
    const state = await request(server).get(`/incidents/${id}`).set(authHeader('tester')).expect(200);
    expect(state.body).toMatchObject({ status: folded.state, fields: { assignee: folded.fields.assignee ?? null }, revision: stream.length - 1 });
  });
});
