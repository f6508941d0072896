import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { envelop, unwrap } from '@itil/engine';
import { authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium' };

describe('Incident API: idempotency keys belong to their caller and their command', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());
  const http = () => request(t.app.getHttpServer());
  const eventsOf = async (id: string) => (await t.store.readStream(`incident-${id}`)).map((e) => e.type);

  it("gives a second caller with key 1 their own incident, never the first caller's", async () => {
    const ana = await http().post('/incidents').set(authHeader('agent:ana')).set('Idempotency-Key', '1').send(incident).expect(201);
    const bob = await http().post('/incidents').set(authHeader('agent:bob')).set('Idempotency-Key', '1').send({ ...incident, title: 'Printer jam' }).expect(201);
    expect(bob.body.id).not.toBe(ana.body.id);
    expect(bob.headers['idempotent-replayed']).toBeUndefined();
    expect((await http().get(`/incidents/${bob.body.id}`).set(authHeader('tester')).expect(200)).body.fields.title).toBe('Printer jam');
    // Each caller's retry lands on their own incident.
    const retry = await http().post('/incidents').set(authHeader('agent:ana')).set('Idempotency-Key', '1').send(incident).expect(201);
    expect(retry.body.id).toBe(ana.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 422 IDEMPOTENCY.KEY_REUSED, writing nothing, for the same key with another body or another command', async () => {
    const logged = await http().post('/incidents').set(authHeader('agent:ana')).set('Idempotency-Key', 'log-7').send(incident).expect(201);
    const other = await http().post('/incidents').set(authHeader('agent:ana')).set('Idempotency-Key', 'log-7').send({ ...incident, urgency: 'high' }).expect(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED', idempotencyKey: 'log-7' });

    const id = logged.body.id as string;
    await http().post(`/incidents/${id}/comments`).set(authHeader('agent:ana')).set('Idempotency-Key', 'c-1').send({ text: 'first note' }).expect(200);
    // Before: the assignment replayed the comment and vanished.
    const assign = await http().post(`/incidents/${id}/assign`).set(authHeader('agent:ana')).set('Idempotency-Key', 'c-1').send({ assignmentGroup: 'network' }).expect(422);
    expect(assign.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    await http().post(`/incidents/${id}/comments`).set(authHeader('agent:ana')).set('Idempotency-Key', 'c-1').send({ text: 'another note' }).expect(422);
    expect(await eventsOf(id)).toEqual(['IncidentLogged', 'IncidentCommented']);
  });

  it('replays a retried If-Match request that succeeded instead of answering 409', async () => {
    const { body } = await http().post('/incidents').set(authHeader('agent:ana')).send(incident).expect(201);
    const send = () =>
      http().post(`/incidents/${body.id}/assign`).set(authHeader('agent:ana')).set('If-Match', '"0"').set('Idempotency-Key', 'assign-1').send({ assignmentGroup: 'network' });
    const first = await send().expect(200);
    const retry = await send().expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.events).toEqual(first.body.events);
    expect(await eventsOf(body.id)).toEqual(['IncidentLogged', 'IncidentAssigned']);
  });

  it('keeps answering GET and commands when the stream holds an event type this build does not know', async () => {
    const { body } = await http().post('/incidents').set(authHeader('agent:ana')).send(incident).expect(201);
    const stream = `incident-${body.id}`;
    const [last] = (await t.store.readStream(stream)).map((e) => unwrap(e));
    const newer = envelop(
      { type: 'IncidentSentimentScored', data: { score: 0.2 } },
      { id: randomUUID(), streamId: stream, revision: 1n, actor: 'system:v2', occurredAt: new Date(), correlationId: 'x', causationId: null, machine: null, idempotencyKey: null, previousHash: last.envelope.hash },
    );
    await t.store.appendToStream(stream, [newer], { expectedRevision: 0n });
    // Before: GET answered 500 and commands 404.
    const got = await http().get(`/incidents/${body.id}`).set(authHeader('tester')).expect(200);
    expect(got.body).toMatchObject({ id: body.id, status: 'new', fields: { title: incident.title }, revision: 1 });
    const assigned = await http().post(`/incidents/${body.id}/assign`).set(authHeader('agent:ana')).send({ assignmentGroup: 'network' }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', revision: 2 });
    expect((await http().get(`/incidents/${body.id}/events`).set(authHeader('tester')).expect(200)).body.map((e: { type: string }) => e.type)).toContain('IncidentSentimentScored');
  });
});
