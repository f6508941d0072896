import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { as, authHeader, signTestJwt, testAuthSettings, testClaims, testPublicJwk } from '../test-support/auth-header';
import { createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'medium' };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('Authentication: bearer JWTs', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());
  // Expiry is checked against the app's injected clock, not the wall clock.
  const now = () => Math.floor(t.clock.now().getTime() / 1000);
  const logWith = (headers: Record<string, string>) => request(t.app.getHttpServer()).post('/incidents').set(headers).send(incident);

  async function refused(headers: Record<string, string>, status: number, code: string) {
    const before = await t.store.headPosition();
    const res = await logWith(headers).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, type: `urn:itil-engine:problem:${code.toLowerCase()}` });
    expect(await t.store.headPosition()).toBe(before);
    return res;
  }

  it('refuses a request without a credential with 401 and says which scheme to use', async () => {
    const res = await refused({}, 401, 'AUTH.UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="itil-engine"');
  });

  it('refuses an expired token, beyond the clock skew', async () => {
    const res = await refused(bearer(signTestJwt({ ...testClaims('raj'), exp: now() - 31 })), 401, 'AUTH.TOKEN_EXPIRED');
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('accepts a token that expired within the clock skew (30 s)', async () => {
    await logWith(bearer(signTestJwt({ ...testClaims('raj'), exp: now() - 5 }))).expect(201);
  });

  it('refuses a token that is not valid yet (nbf beyond the skew)', async () => {
    await refused(bearer(signTestJwt({ ...testClaims('raj'), nbf: now() + 3600 })), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    await refused(bearer(signTestJwt(testClaims('raj'), { key: privateKey })), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = signTestJwt(testClaims('raj', ['agent'])).split('.');
    await refused(bearer(`${header}.${b64(testClaims('raj', ['admin']))}.${signature}`), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses a token for another audience', async () => {
    await refused(bearer(signTestJwt({ ...testClaims('raj'), aud: 'another-api' })), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses a token from an issuer it does not trust', async () => {
    await refused(bearer(signTestJwt({ ...testClaims('raj'), iss: 'https://evil.example' })), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(testClaims('raj'))}.`;
    await refused(bearer(unsigned), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses an HMAC token keyed with the public key (algorithm confusion)', async () => {
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'test-key' })}.${b64(testClaims('raj'))}`;
    const mac = createHmac('sha256', Buffer.from(testPublicJwk.x!, 'base64url')).update(input).digest('base64url');
    await refused(bearer(`${input}.${mac}`), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses a token without an expiry', async () => {
    const { exp: _exp, ...claims } = testClaims('raj');
    await refused(bearer(signTestJwt(claims)), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('refuses garbage, another scheme and an oversize token', async () => {
    await refused(bearer('not-a-token'), 401, 'AUTH.INVALID_CREDENTIALS');
    await refused({ Authorization: 'Basic cmFqOnNlY3JldA==' }, 401, 'AUTH.INVALID_CREDENTIALS');
    await refused(bearer('x'.repeat(9_000)), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('answers 403 with the roles needed when the identity lacks them', async () => {
    const res = await request(t.app.getHttpServer()).post('/lifecycles/incident/publish').set(authHeader('ana', ['agent'])).send({ expectedVersion: 1 }).expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'AUTH.FORBIDDEN', requiredRoles: ['process-owner'] });
  });

  it('refuses a roles claim that is not an array of names, and a subject with odd characters', async () => {
    await refused(bearer(signTestJwt({ ...testClaims('raj'), roles: 'admin' })), 401, 'AUTH.INVALID_CREDENTIALS');
    await refused(bearer(signTestJwt({ ...testClaims('raj'), roles: Array(51).fill('agent') })), 401, 'AUTH.INVALID_CREDENTIALS');
    await refused(bearer(signTestJwt({ ...testClaims('raj'), sub: 'raj smith' })), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('ignores roles this API does not know', async () => {
    await logWith(authHeader('ana', ['superuser' as never, 'reporter'])).expect(403);
  });

  it('records the verified subject as the actor, and refuses an X-Actor naming someone else', async () => {
    const logged = await logWith(authHeader('ana', ['agent'])).expect(201);
    const events = await as(t.app, 'audrey', ['auditor']).get(`/incidents/${logged.body.id}/events`).expect(200);
    expect(events.body[0].envelope.actor).toBe('user:ana');

    const before = await t.store.headPosition();
    const spoofed = await logWith({ ...authHeader('ana', ['agent']), 'X-Actor': 'system:lifecycle-seed' }).expect(400);
    expect(spoofed.body.code).toBe('AUTH.ACTOR_HEADER_REFUSED');
    expect(await t.store.headPosition()).toBe(before);
    await logWith({ ...authHeader('ana', ['agent']), 'X-Actor': 'user:ana' }).expect(201);
  });

  it('shows the caller who it is', async () => {
    const me = await as(t.app, 'raj', ['resolver']).get('/auth/me').expect(200);
    expect(me.body).toEqual({ actor: 'user:raj', kind: 'user', roles: ['resolver'], development: false });
  });

  it('uses the injected clock for expiry: a token valid now is refused once the clock passes exp', async () => {
    const exp = Math.floor(t.clock.now().getTime() / 1000) + 3600;
    const token = bearer(signTestJwt({ ...testClaims('raj'), exp }));
    await request(t.app.getHttpServer()).get('/auth/me').set(token).expect(200);
    t.clock.advance(3600_000 + 31_000);
    const res = await request(t.app.getHttpServer()).get('/auth/me').set(token).expect(401);
    expect(res.body.code).toBe('AUTH.TOKEN_EXPIRED');
  });
});

describe('Authentication: keys from a JWKS URL', () => {
  let jwks: Server;
  let t: TestApp;
  let fetches = 0;
  beforeAll(async () => {
    jwks = createServer((req, res) => {
      fetches++;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [testPublicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as { port: number };
    const settings = testAuthSettings();
    t = await createTestApp({ authSettings: { ...settings, issuers: [{ ...settings.issuers[0], keys: { url: `http://127.0.0.1:${port}/.well-known/jwks.json` } }] } });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('verifies tokens against the fetched keys, and still refuses a wrong audience', async () => {
    await request(t.app.getHttpServer()).get('/auth/me').set(authHeader('raj')).expect(200);
    expect(fetches).toBe(1);
    await request(t.app.getHttpServer()).get('/auth/me').set(bearer(signTestJwt({ ...testClaims('raj'), aud: 'x' }))).expect(401);
    const { privateKey } = generateKeyPairSync('ed25519');
    await request(t.app.getHttpServer()).get('/auth/me').set(bearer(signTestJwt(testClaims('raj'), { key: privateKey }))).expect(401);
  });
});

describe('Authentication: the JWKS URL is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const settings = testAuthSettings();
    t = await createTestApp({ authSettings: { ...settings, issuers: [{ ...settings.issuers[0], keys: { url: `http://127.0.0.1:${port}/jwks.json` } }] } });
  });
  afterAll(() => t.close());

  it('answers 503 AUTH.KEYS_UNAVAILABLE (the client did nothing wrong), writing nothing', async () => {
    const before = await t.store.headPosition();
    const res = await request(t.app.getHttpServer()).post('/incidents').set(authHeader('raj')).send(incident).expect(503);
    expect(res.body).toMatchObject({ status: 503, code: 'AUTH.KEYS_UNAVAILABLE' });
    expect(await t.store.headPosition()).toBe(before);
  });
});
