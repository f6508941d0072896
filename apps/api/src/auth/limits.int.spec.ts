import request from 'supertest';
import { as, authHeader } from '../test-support/auth-header';
import { createTestApp, type TestApp } from '../test-support/test-app';

describe('Limits: rate limiting per identity', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ rateLimits: { perMinute: 5, expensivePerMinute: 2 } })));
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once an identity spends its budget, and others still pass', async () => {
    for (let i = 0; i < 5; i++) await as(t.app, 'ana', ['agent']).get('/auth/me').expect(200);
    const before = await t.store.headPosition();
    const limited = await as(t.app, 'ana', ['agent']).post('/incidents').send({ title: 'x', caller: 'c', impact: 'low', urgency: 'low' }).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'HTTP.TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await t.store.headPosition()).toBe(before);
    // The budget is the identity's across endpoints, not the client address's.
    await as(t.app, 'raj', ['resolver']).get('/auth/me').expect(200);
  });

  it('gives expensive operations (what-if) a stricter budget of their own', async () => {
    const owner = () => as(t.app, 'pat', ['process-owner']);
    await owner().post('/lifecycles/incident/what-if').send({ version: 1 }).expect(200);
    await owner().post('/lifecycles/incident/what-if').send({ version: 1 }).expect(200);
    const limited = await owner().post('/lifecycles/incident/what-if').send({ version: 1 }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Cheap requests of the same identity are still within the default budget.
    await owner().get('/lifecycles').expect(200);
    const migration = await owner().post('/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 1, mapping: {}, dryRun: true }).expect(429);
    expect(migration.body.code).toBe('HTTP.TOO_MANY_REQUESTS');
  });
});

describe('Limits: failed authentications per address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ rateLimits: { authFailuresPerMinute: 3 }, trustProxy: 'loopback' })));
  afterAll(() => t.close());
  const me = (headers: Record<string, string>) => request(t.app.getHttpServer()).get('/auth/me').set(headers);

  it('refuses an address for a minute after too many failures, before checking its credential', async () => {
    const guess = (n: number) => ({ Authorization: `Bearer itil_0b0d3c5e-1111-4222-8333-944455556666_${String(n).padStart(64, '0')}` });
    for (let n = 0; n < 4; n++) expect((await me(guess(n)).expect(401)).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const blocked = await me(authHeader('ana')).expect(429);
    expect(blocked.body.code).toBe('AUTH.TOO_MANY_FAILURES');
    expect(Number(blocked.headers['retry-after'])).toBe(60);
    // Asking without a credential is not guessing: it still gets its 401.
    expect((await me({}).expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
    // Behind a trusted proxy the client's own address counts: another client is not locked out.
    await me({ ...authHeader('ana'), 'X-Forwarded-For': '203.0.113.7' }).expect(200);
    t.clock.advance(60_000);
    await me(authHeader('ana')).expect(200);
  });
});

describe('Limits: security headers and CORS', () => {
  let closed: TestApp;
  let open: TestApp;
  beforeAll(async () => {
    closed = await createTestApp();
    open = await createTestApp({ corsOrigins: ['https://desk.example'] });
  });
  afterAll(async () => {
    await closed.close();
    await open.close();
  });

  it('sends helmet security headers and no x-powered-by', async () => {
    const res = await request(closed.app.getHttpServer()).get('/health').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('answers no cross-origin request by default', async () => {
    const res = await request(closed.app.getHttpServer()).get('/auth/me').set(authHeader('ana')).set('Origin', 'https://desk.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(closed.app.getHttpServer()).options('/incidents').set('Origin', 'https://desk.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const ok = await request(open.app.getHttpServer()).options('/incidents').set('Origin', 'https://desk.example').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://desk.example');
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await request(open.app.getHttpServer()).options('/incidents').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
