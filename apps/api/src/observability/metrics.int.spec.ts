import request from 'supertest';
import { as } from '../test-support/auth-header';
import { createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'Mail queue stuck', caller: 'caller:bob', impact: 'medium', urgency: 'medium' };

/** One sample of the Prometheus text format, e.g. value(text, 'itil_commands_total', { type: 'LogIncident', outcome: 'ok' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false);
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('Metrics: what the engine did, in the Prometheus format', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());
  const scrape = async () => (await request(t.app.getHttpServer()).get('/metrics').expect(200).expect('Content-Type', /^text\/plain/)).text;

  it('counts commands by type and outcome, and times appends and routes', async () => {
    const api = as(t.app, 'ana', ['agent']);
    const { body } = await api.post('/incidents').set('Idempotency-Key', 'm-1').send(incident).expect(201);
    await api.post('/incidents').set('Idempotency-Key', 'm-1').send(incident).expect(201);
    await api.post(`/incidents/${body.id}/resolve`).send({ resolutionCode: 'x', resolutionNotes: 'y' }).expect(422);
    await api.post(`/incidents/${body.id}/comments`).set('If-Match', '"7"').send({ text: 'stale' }).expect(409);

    const text = await scrape();
    // The incident runs on the ticket engine: its commands are the engine's.
    expect(value(text, 'itil_commands_total', { type: 'OpenTicket', outcome: 'ok' })).toBe(1);
    expect(value(text, 'itil_commands_total', { type: 'OpenTicket', outcome: 'replayed' })).toBe(1);
    expect(value(text, 'itil_commands_total', { type: 'MoveTicket', outcome: 'refused' })).toBe(1);
    expect(value(text, 'itil_commands_total', { type: 'CommentOnTicket', outcome: 'conflict' })).toBe(1);
    expect(value(text, 'itil_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'itil_http_request_duration_seconds_count', { method: 'POST', route: '/incidents/:id/:event', status: '422' })).toBe(1);
    expect(value(text, 'itil_commands_in_flight')).toBe(0);
    expect(text).toContain('itil_process_cpu_user_seconds_total');
    expect(text).not.toContain(body.id);
  });

  it('counts refusals by authentication and authorisation by code', async () => {
    await request(t.app.getHttpServer()).post('/incidents').send(incident).expect(401);
    await as(t.app, 'rita', ['reporter']).post('/incidents').send(incident).expect(403);
    const text = await scrape();
    expect(value(text, 'itil_auth_refusals_total', { code: 'AUTH.UNAUTHENTICATED' })).toBe(1);
    expect(value(text, 'itil_auth_refusals_total', { code: 'AUTH.FORBIDDEN' })).toBe(1);
  });

  it('counts conflicts and retries when a second process writes the same stream', async () => {
    const other = await createTestApp({ file: t.file, seed: 'second-process' });
    try {
      const { body } = await as(t.app, 'ana').post('/incidents').send(incident).expect(201);
      const comment = (app: TestApp, i: number) => as(app.app, `c-${i}`).post(`/incidents/${body.id}/comments`).send({ text: `n${i}` });
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => comment(i % 2 ? other : t, i)));
      expect(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body.code} ${r.body.detail}`)).toEqual([]);
      const texts = [await scrape(), (await request(other.app.getHttpServer()).get('/metrics')).text];
      const conflicts = texts.reduce((n, s) => n + value(s, 'itil_append_conflicts_total'), 0);
      const retries = texts.reduce((n, s) => n + value(s, 'itil_command_retries_total'), 0);
      expect(conflicts).toBeGreaterThan(0);
      // Every conflict was retried and every command succeeded in the end.
      expect(retries).toBe(conflicts);
      expect((await t.store.readStream(`incident-${body.id}`)).length).toBe(11);
    } finally {
      await other.close();
    }
  });
});

describe('Correlation ids: one id from the request to its log line and its events', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('echoes the client id and records it on the events; makes one up when there is none', async () => {
    const given = await as(t.app, 'ana').post('/incidents').set('X-Correlation-Id', 'portal-42').send(incident).expect(201);
    expect(given.headers['x-correlation-id']).toBe('portal-42');
    const made = await as(t.app, 'ana').post('/incidents').send(incident).expect(201);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [a] = await t.store.readStream(`incident-${given.body.id}`);
    const [b] = await t.store.readStream(`incident-${made.body.id}`);
    expect(a.metadata.correlationId).toBe('portal-42');
    expect(b.metadata.correlationId).toBe(made.headers['x-correlation-id']);
  });
});
