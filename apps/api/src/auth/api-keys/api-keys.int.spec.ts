import request from 'supertest';
import { as, authHeader } from '../../test-support/auth-header';
import { createTestApp, type TestApp } from '../../test-support/test-app';

const incident = { title: 'Disk full on db-3', caller: 'caller:bob', impact: 'medium', urgency: 'high' };
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('API keys: issued and revoked by an admin, as events', () => {
  let t: TestApp;
  const admin = () => as(t.app, 'root', ['admin']);
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('authenticates a reporting job with its key, records who issued it, and stores only a hash', async () => {
    const issued = await admin().post('/api-keys').send({ name: 'nightly CSI export', roles: ['reporter'] }).expect(201);
    expect(issued.body).toMatchObject({ keyId: expect.any(String), apiKey: expect.stringMatching(/^itil_[0-9a-f-]{36}_[0-9a-f]{64}$/), actor: `apikey:${issued.body.keyId}` });
    const me = await request(t.app.getHttpServer()).get('/auth/me').set(bearer(issued.body.apiKey)).expect(200);
    expect(me.body).toMatchObject({ actor: `apikey:${issued.body.keyId}`, kind: 'apikey', roles: ['reporter'] });

    const stream = await t.store.readStream(`apikey-${issued.body.keyId}`);
    expect(stream.map((e) => [e.type, e.metadata.actor])).toEqual([['ApiKeyIssued', 'user:root']]);
    const secret = issued.body.apiKey.split('_')[2];
    expect(JSON.stringify(stream.map((e) => [e.data, e.metadata]))).not.toContain(secret);
    expect(stream[0].data.secretHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('holds a key to its roles: a reporter key cannot log an incident', async () => {
    const { body } = await admin().post('/api-keys').send({ name: 'dashboards', roles: ['reporter'] }).expect(201);
    const before = await t.store.headPosition();
    const res = await request(t.app.getHttpServer()).post('/incidents').set(bearer(body.apiKey)).send(incident).expect(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('records a service account acting for a rule as that rule, and the binding in the key', async () => {
    const { body } = await admin().post('/api-keys').send({ name: 'auto-close job', roles: ['agent'], actsFor: 'rule:auto-close@1' }).expect(201);
    expect(body.actor).toBe('rule:auto-close@1');
    const logged = await request(t.app.getHttpServer()).post('/incidents').set(bearer(body.apiKey)).send(incident).expect(201);
    const events = await admin().get(`/incidents/${logged.body.id}/events`).expect(200);
    expect(events.body[0].envelope.actor).toBe('rule:auto-close@1');
    const listed = (await admin().get('/api-keys').expect(200)).body.find((k: { keyId: string }) => k.keyId === body.keyId);
    expect(listed).toMatchObject({ actsFor: 'rule:auto-close@1', issuedBy: 'user:root', status: 'active' });
  });

  it('refuses a revoked key from the next request on, and lists who revoked it', async () => {
    const { body } = await admin().post('/api-keys').send({ name: 'old integration', roles: ['agent'] }).expect(201);
    await request(t.app.getHttpServer()).get('/auth/me').set(bearer(body.apiKey)).expect(200);
    await as(t.app, 'sam', ['admin']).post(`/api-keys/${body.keyId}/revoke`).send({ reason: 'vendor contract ended' }).expect(200);
    const res = await request(t.app.getHttpServer()).get('/auth/me').set(bearer(body.apiKey)).expect(401);
    expect(res.body.code).toBe('AUTH.CREDENTIAL_REVOKED');
    const listed = (await as(t.app, 'audrey', ['auditor']).get('/api-keys').expect(200)).body.find((k: { keyId: string }) => k.keyId === body.keyId);
    expect(listed).toMatchObject({ status: 'revoked', issuedBy: 'user:root', revokedBy: 'user:sam' });
    expect(listed.secretHash).toBeUndefined();
    const again = await admin().post(`/api-keys/${body.keyId}/revoke`).send({ reason: 'twice' }).expect(422);
    expect(again.body.code).toBe('AUTH.API_KEY_REVOKE_NOT_ALLOWED');
  });

  it('revokes once when two admins revoke the same key at the same time', async () => {
    const { body } = await admin().post('/api-keys').send({ name: 'raced', roles: ['agent'] }).expect(201);
    const answers = await Promise.all([1, 2].map((n) => as(t.app, `admin-${n}`, ['admin']).post(`/api-keys/${body.keyId}/revoke`).send({ reason: `by ${n}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    expect((await t.store.readStream(`apikey-${body.keyId}`)).map((e) => e.type)).toEqual(['ApiKeyIssued', 'ApiKeyRevoked']);
  });

  it('refuses a key with a wrong secret, an unknown key and an expired key', async () => {
    const { body } = await admin().post('/api-keys').send({ name: 'short-lived', roles: ['reporter'], expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() }).expect(201);
    const tampered = body.apiKey.replace(/.$/, (c: string) => (c === '0' ? '1' : '0'));
    expect((await request(t.app.getHttpServer()).get('/auth/me').set(bearer(tampered)).expect(401)).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    const unknown = `itil_0b0d3c5e-1111-4222-8333-944455556666_${'a'.repeat(64)}`;
    expect((await request(t.app.getHttpServer()).get('/auth/me').set(bearer(unknown)).expect(401)).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    await request(t.app.getHttpServer()).get('/auth/me').set(bearer(body.apiKey)).expect(200);
    t.clock.advance(61_000);
    expect((await request(t.app.getHttpServer()).get('/auth/me').set(bearer(body.apiKey)).expect(401)).body.code).toBe('AUTH.TOKEN_EXPIRED');
  });

  const bad: [string, object, RegExp][] = [
    ['no roles', { name: 'x', roles: [] }, /roles must contain at least 1/],
    ['an unknown role', { name: 'x', roles: ['root'] }, /each value in roles must be one of/],
    ['too many roles', { name: 'x', roles: Array(9).fill('agent') }, /roles must contain no more than 8/],
    ['a name too long', { name: 'x'.repeat(101), roles: ['agent'] }, /name must be shorter/],
    ['an actsFor that is neither a rule nor a policy', { name: 'x', roles: ['agent'], actsFor: 'user:ceo' }, /actsFor must be/],
  ];
  it.each(bad)('refuses to issue a key with %s, writing nothing', async (_name, payload, detail) => {
    const before = await t.store.headPosition();
    const res = await admin().post('/api-keys').send(payload).expect(400);
    expect(res.body.detail).toMatch(detail);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('lets only admins issue keys', async () => {
    const res = await request(t.app.getHttpServer()).post('/api-keys').set(authHeader('pat', ['process-owner'])).send({ name: 'x', roles: ['admin'] }).expect(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });
});
