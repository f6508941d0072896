import request from 'supertest';
import { authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down for the Leeds office', caller: 'caller:bob', service: 'vpn', impact: 'high', urgency: 'medium' };

describe('Incident API: one incident through its whole life', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  it('logs, assigns, works, pends, resumes, resolves, reopens, resolves and closes, recording each step as an event', async () => {
    const http = () => request(t.app.getHttpServer());
    const logged = await http().post('/incidents').set(authHeader('agent:ana')).send(incident).expect(201);
    const id = logged.body.id as string;
    expect(logged.headers.location).toBe(`/incidents/${id}`);
    expect(logged.body).toMatchObject({ status: 'new', revision: 0 });

    const steps: [string, object, string][] = [
      ['assign', { assignmentGroup: 'network', assignee: 'ana' }, 'assigned'],
      ['start-work', {}, 'inProgress'],
      ['pend', { reason: 'awaiting_vendor', note: 'ISP ticket 4411' }, 'awaitingVendor'],
      ['resume', {}, 'inProgress'],
      ['resolve', { resolutionCode: 'vendor-fix', resolutionNotes: 'ISP replaced the router' }, 'resolved'],
      ['reopen', { reason: 'dropped again at 14:00' }, 'inProgress'],
      ['comments', { text: 'Monitoring for an hour' }, 'inProgress'],
      ['resolve', { resolutionCode: 'vendor-fix', resolutionNotes: 'Firmware updated' }, 'resolved'],
      ['close', { note: 'Caller confirmed' }, 'closed'],
    ];
    for (const [i, [command, body, status]] of steps.entries()) {
      t.clock.advance(60_000);
      const res = await http().post(`/incidents/${id}/${command}`).set(authHeader('agent:ana')).send(body).expect(200);
      expect(res.body).toMatchObject({ id, status, revision: i + 1 });
      expect(res.headers.etag).toBe(`"${i + 1}"`);
    }

    const state = await http().get(`/incidents/${id}`).set(authHeader('tester')).expect(200);
    expect(state.body).toMatchObject({
      id,
      status: 'closed',
      revision: 9,
      fields: { priority: 2, assignmentGroup: 'network', resolutionNotes: 'Firmware updated', reopenCount: 1 },
      comments: 1,
      lifecycle: { id: 'incident', version: 2 },
      allowedEvents: [],
    });

    const events = await http().get(`/incidents/${id}/events`).set(authHeader('tester')).expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'IncidentLogged',
      'IncidentAssigned',
      'IncidentWorkStarted',
      'IncidentPended',
      'IncidentResumed',
      'IncidentResolved',
      'IncidentReopened',
      'IncidentCommented',
      'IncidentResolved',
      'IncidentClosed',
    ]);
    expect(events.body[1].envelope).toMatchObject({ actor: 'user:agent:ana', occurredAt: '2026-03-02T09:01:00.000Z', machine: { id: 'incident', version: 2 } });
    expect(events.body[1].envelope.previousHash).toBe(events.body[0].envelope.hash);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await request(t.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/incidents', '/incidents/{id}/resolve', '/incidents/{id}/events', '/health']));
  });

  it('reports health with the store head position', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.eventStore.status).toBe('up');
  });
});

describe('Incident API: idempotency and revisions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  it('answers a repeated Idempotency-Key on log with the same incident and writes nothing', async () => {
    const first = await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).set('Idempotency-Key', 'portal-req-77').send(incident).expect(201);
    const head = await t.store.headPosition();
    const again = await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).set('Idempotency-Key', 'portal-req-77').send(incident).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.replayed).toBe(true);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await t.store.headPosition()).toBe(head);
  });

  it('answers a repeated Idempotency-Key on a transition with the first result', async () => {
    const { body } = await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).send(incident).expect(201);
    const send = () =>
      request(t.app.getHttpServer()).post(`/incidents/${body.id}/comments`).set(authHeader('tester')).set('Idempotency-Key', 'note-1').send({ text: 'once' }).expect(200);
    const first = await send();
    const second = await send();
    expect(second.body.events).toEqual(first.body.events);
    const events = await request(t.app.getHttpServer()).get(`/incidents/${body.id}/events`).set(authHeader('tester')).expect(200);
    expect(events.body).toHaveLength(2);
  });

  it('answers 409 when If-Match names a stale revision, and writes nothing', async () => {
    const { body } = await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).send(incident).expect(201);
    await request(t.app.getHttpServer()).post(`/incidents/${body.id}/comments`).set(authHeader('tester')).set('If-Match', '"0"').send({ text: 'a' }).expect(200);
    const stale = await request(t.app.getHttpServer()).post(`/incidents/${body.id}/comments`).set(authHeader('tester')).set('If-Match', '"0"').send({ text: 'b' }).expect(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'ENGINE.REVISION_CONFLICT', expectedRevision: '0', actualRevision: '1' });
    const events = await request(t.app.getHttpServer()).get(`/incidents/${body.id}/events`).set(authHeader('tester')).expect(200);
    expect(events.body).toHaveLength(2);
  });
});

describe('Incident API: after a restart', () => {
  it('still has the incident and every event, and keeps working at the right revision', async () => {
    const first = await createTestApp({ laterVersions: true });
    const { body } = await request(first.app.getHttpServer()).post('/incidents').set(authHeader('tester')).send(incident).expect(201);
    await request(first.app.getHttpServer()).post(`/incidents/${body.id}/assign`).set(authHeader('tester')).send({ assignmentGroup: 'network' }).expect(200);
    await first.close();

    const second = await createTestApp({ file: first.file, seed: 'after-restart', laterVersions: true });
    const state = await request(second.app.getHttpServer()).get(`/incidents/${body.id}`).set(authHeader('tester')).expect(200);
    expect(state.body).toMatchObject({ status: 'assigned', revision: 1 });
    await request(second.app.getHttpServer()).post(`/incidents/${body.id}/assign`).set(authHeader('tester')).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    const events = await request(second.app.getHttpServer()).get(`/incidents/${body.id}/events`).set(authHeader('tester')).expect(200);
    expect(events.body.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2]);
    await second.close();
  });
});
