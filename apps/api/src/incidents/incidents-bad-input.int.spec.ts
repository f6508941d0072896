import request from 'supertest';
import { authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'Printer jam', caller: 'caller:bob', impact: 'low', urgency: 'low' };

describe('Incident API: bad input gets a clear 4xx and writes nothing', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp({ bodyLimit: '16kb', laterVersions: true });
    id = (await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).send(incident).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const cases: [string, () => request.Test, number, RegExp | string][] = [
    ['malformed JSON', () => post('/incidents').set('Content-Type', 'application/json').send('{"title": "x",'), 400, /JSON/],
    ['a JSON array instead of an object', () => post('/incidents').send([incident]), 400, 'The request body must be a JSON object'],
    ['a wrong type', () => post('/incidents').send({ ...incident, impact: 3 }), 400, /\$\.impact must be one of high, medium, low/],
    ['a missing required field', () => post('/incidents').send({ caller: 'bob', impact: 'low', urgency: 'low' }), 400, /\$\.title is required/],
    ['an unknown field', () => post('/incidents').send({ ...incident, severity: 'sev1' }), 400, /\$\.severity 'severity' is not a field of incident tickets/],
    ['an unknown field on a command', () => post(`/incidents/:id/cancel`).send({ reason: 'duplicate', force: true }), 400, /\$\.force 'force' is not a field/],
    ['an oversize body', () => post('/incidents').send({ ...incident, description: 'x'.repeat(20_000) }), 413, /larger than the limit/],
    ['a field longer than allowed', () => post('/incidents').send({ ...incident, title: 'x'.repeat(201) }), 400, /\$\.title must be at most 200 characters/],
    ['an id that is not a UUID', () => post('/incidents/42/assign').send({ assignmentGroup: 'g' }), 400, /uuid is expected/],
    ['an unknown incident', () => post('/incidents/0b0d3c5e-1111-4222-8333-944455556666/assign').send({ assignmentGroup: 'g' }), 404, /not found/],
    ['an illegal transition', () => post('/incidents/:id/close').send({}), 422, /CLOSE is not allowed in state 'new'/],
    ['a failing guard', () => post('/incidents/:id/cancel').send({ reason: '  ' }), 422, /hasCancellationReason not satisfied/],
    ['a bad If-Match header', () => post('/incidents/:id/comments').set('If-Match', 'yesterday').send({ text: 'x' }), 400, /If-Match/],
    ['a bad Idempotency-Key header', () => post('/incidents').set('Idempotency-Key', 'a b c').send(incident), 400, /Idempotency-Key/],
  ];

  function post(path: string) {
    return request(t.app.getHttpServer()).post(path.replace(':id', id)).set(authHeader('tester'));
  }

  it.each(cases)('refuses %s', async (_name, send, status, detail) => {
    const before = await t.store.headPosition();
    const res = await send().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^urn:itil-engine:problem:/), code: expect.any(String) });
    expect(res.body.detail).toMatch(detail);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('says which: malformed JSON and an oversize body have their own codes', async () => {
    const malformed = await post('/incidents').set('Content-Type', 'application/json').send('{"title": ').expect(400);
    expect(malformed.body.code).toBe('HTTP.MALFORMED_JSON');
    const oversize = await post('/incidents').send({ ...incident, description: 'x'.repeat(20_000) }).expect(413);
    expect(oversize.body).toMatchObject({ code: 'HTTP.BODY_TOO_LARGE', limit: 16 * 1024 });
  });

  it('names the allowed events when a transition is not allowed', async () => {
    const res = await post('/incidents/:id/start-work').send({}).expect(422);
    expect(res.body).toMatchObject({ code: 'WORKFLOW.TRANSITION_NOT_ALLOWED', state: 'new', event: 'START_WORK', allowedEvents: ['ASSIGN', 'CANCEL', 'RESOLVE'] });
  });

  it('answers 404 for the state and the events of an unknown incident', async () => {
    await request(t.app.getHttpServer()).get('/incidents/0b0d3c5e-1111-4222-8333-944455556666').set(authHeader('tester')).expect(404);
    await request(t.app.getHttpServer()).get('/incidents/0b0d3c5e-1111-4222-8333-944455556666/events').set(authHeader('tester')).expect(404);
  });
});
