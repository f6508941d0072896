import type request from 'supertest';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

const UNKNOWN = '0b0d3c5e-1111-4222-8333-944455556666';
const body = { title: 'Faster VPN restores', service: 'vpn', metric: 'mttr', windowDays: 7, baselineAt: '2026-03-02', target: 60, direction: 'lower', dueDate: '2026-03-31', owner: 'olga' };

describe('Improvement register API: bad input gets a clear 4xx and writes nothing', () => {
  let t: TestApp;
  let api: ReturnType<typeof as>;
  let id: string;
  let closed: string;
  beforeAll(async () => {
    t = await createTestApp();
    api = as(t.app, 'olga', ['process-owner']);
    // One vpn resolution (120 min) on 2026-03-02, so a baseline exists.
    const agent = as(t.app, 'raj', ['agent']);
    const inc = (await agent.post('/incidents').send({ title: 'VPN down', caller: 'caller:bob', impact: 'low', urgency: 'low', service: 'vpn' }).expect(201)).body;
    t.clock.set(new Date('2026-03-02T11:00:00Z'));
    await agent.post(`/incidents/${inc.id}/assign`).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    await agent.post(`/incidents/${inc.id}/resolve`).send({ resolutionCode: 'fix', resolutionNotes: 'done' }).expect(200);
    id = (await api.post('/improvements').send(body).expect(201)).body.id;
    closed = (await api.post('/improvements').send({ ...body, title: 'Abandoned one' }).expect(201)).body.id;
    await api.post(`/improvements/${closed}/close`).send({ outcome: 'abandoned', reason: 'Merged into the other one' }).expect(200);
  });
  afterAll(() => t.close());

  const post = (path: string) => api.post(path.replace(':id', id).replace(':closed', closed));
  const cases: [string, () => request.Test, number, string, RegExp][] = [
    ['an unknown metric', () => post('/improvements').send({ ...body, metric: 'happiness' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.metric: must be one of: mtta, mttr/],
    ['a baseline date in the future', () => post('/improvements').send({ ...body, baselineAt: '2026-03-03' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.baselineAt: is in the future/],
    ['a due date before the baseline', () => post('/improvements').send({ ...body, dueDate: '2026-03-01' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.dueDate: must be after baselineAt/],
    ['an unknown field', () => post('/improvements').send({ ...body, priority: 1 }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.priority: is not a known field/],
    ['a wrong type', () => post('/improvements').send({ ...body, target: '60' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.target: must be a finite number/],
    ['a missing field', () => post('/improvements').send({ ...body, owner: undefined }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.owner: is required/],
    ['a JSON array instead of an object', () => post('/improvements').send([body]), 400, 'HTTP.INVALID_REQUEST', /must be a JSON object/],
    ['an unknown service', () => post('/improvements').send({ ...body, service: 'telex' }), 422, 'IMPROVEMENT.REFERENCE_NOT_ALLOWED', /\$\.service: unknown service 'telex'/],
    ['a retired service', () => post('/improvements').send({ ...body, service: 'fax' }), 422, 'IMPROVEMENT.REFERENCE_NOT_ALLOWED', /service 'fax' is retired/],
    ['an unknown owner', () => post('/improvements').send({ ...body, owner: 'nobody' }), 422, 'IMPROVEMENT.REFERENCE_NOT_ALLOWED', /\$\.owner: unknown user 'nobody'/],
    ['a service with no data for a baseline', () => post('/improvements').send({ ...body, service: 'workplace' }), 422, 'IMPROVEMENT.CHANGE_NOT_ALLOWED', /no baseline/],
    ['a target no better than the baseline', () => post('/improvements').send({ ...body, target: 150 }), 422, 'IMPROVEMENT.CHANGE_NOT_ALLOWED', /no improvement on the baseline 120/],
    ['an unknown initiative', () => post(`/improvements/${UNKNOWN}/close`).send({ outcome: 'abandoned', reason: 'x' }), 404, 'IMPROVEMENT.UNKNOWN_INITIATIVE', /Unknown improvement initiative/],
    ['an id that is not a UUID', () => post('/improvements/42/revise-target').send({ target: 50, reason: 'x' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.id: must be a lower-case UUID/],
    ['a stale If-Match', () => post('/improvements/:id/revise-target').set('If-Match', '"7"').send({ target: 50, reason: 'x' }), 409, 'ENGINE.REVISION_CONFLICT', /revision/],
    ['a bad If-Match header', () => post('/improvements/:id/revise-target').set('If-Match', 'yesterday').send({ target: 50, reason: 'x' }), 400, 'HTTP.INVALID_REQUEST', /If-Match/],
    ['closing twice', () => post('/improvements/:closed/close').send({ outcome: 'abandoned', reason: 'again' }), 409, 'IMPROVEMENT.ALREADY_CLOSED_CONFLICT', /is closed \(abandoned\)/],
    ['revising a closed one', () => post('/improvements/:closed/revise-target').send({ target: 50, reason: 'x' }), 409, 'IMPROVEMENT.ALREADY_CLOSED_CONFLICT', /is closed/],
    ['claiming achieved when the figure does not meet the target', () => post('/improvements/:id/close').send({ outcome: 'achieved' }), 422, 'IMPROVEMENT.CHANGE_NOT_ALLOWED', /Not achieved: mttr for vpn from 2026-02-24 to 2026-03-02 is 120/],
    ['abandoning without a reason', () => post('/improvements/:id/close').send({ outcome: 'abandoned' }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.reason: is required to abandon/],
    ['a revision that names nothing', () => post('/improvements/:id/revise-target').send({ reason: 'x' }), 400, 'IMPROVEMENT.INVALID_INPUT', /names neither target nor dueDate/],
    ['an unknown field on a command', () => post('/improvements/:id/change-owner').send({ owner: 'pat', force: true }), 400, 'IMPROVEMENT.INVALID_INPUT', /\$\.force: is not a known field/],
    ['an unknown new owner', () => post('/improvements/:id/change-owner').send({ owner: 'nobody' }), 422, 'IMPROVEMENT.REFERENCE_NOT_ALLOWED', /unknown user/],
  ];

  it.each(cases)('refuses %s', async (_name, send, status, code, detail) => {
    const before = await t.store.headPosition();
    const res = await send().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    expect(res.body.detail).toMatch(detail);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('answers 404 for one, and the events of, an unknown initiative; 400 for a bad list filter', async () => {
    await api.get(`/improvements/${UNKNOWN}`).expect(404);
    await api.get(`/improvements/${UNKNOWN}/events`).expect(404);
    await api.get('/improvements?status=done').expect(400);
    await api.get('/improvements?colour=red').expect(400);
  });

  it('replays a registration retried with its Idempotency-Key, and refuses the key with another body (422)', async () => {
    const first = await post('/improvements').set('Idempotency-Key', 'reg-1').send(body).expect(201);
    const before = await t.store.headPosition();
    const again = await post('/improvements').set('Idempotency-Key', 'reg-1').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true, events: first.body.events });
    const other = await post('/improvements').set('Idempotency-Key', 'reg-1').send({ ...body, target: 30 }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('accepts a revision with the current If-Match, and then refuses the same If-Match (409)', async () => {
    const { headers } = await api.get(`/improvements/${id}`).expect(200);
    await post('/improvements/:id/revise-target').set('If-Match', headers.etag).send({ target: 50, reason: 'Stretch' }).expect(200);
    const stale = await post('/improvements/:id/revise-target').set('If-Match', headers.etag).send({ target: 40, reason: 'More' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'ENGINE.REVISION_CONFLICT', expectedRevision: '0', actualRevision: '1' });
  });

  it('lets process owners write and reporters read, but not write', async () => {
    const reporter = as(t.app, 'rita', ['reporter']);
    await reporter.get('/improvements').expect(200);
    await reporter.get(`/improvements/${id}`).expect(200);
    const before = await t.store.headPosition();
    await reporter.post('/improvements').send(body).expect(403);
    await as(t.app, 'raj', ['agent']).post(`/improvements/${id}/change-owner`).send({ owner: 'pat' }).expect(403);
    expect(await t.store.headPosition()).toBe(before);
  });
});
