import type request from 'supertest';
import { as, authHeader, createTestApp, type TestApp } from '../test-support/test-app';

describe('Reference data API', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => {
    // An empty store: this spec builds its own reference data.
    t = await createTestApp({ referenceData: false });
    await http().post('/users').send({ id: 'ana', displayName: 'Ana' }).expect(201);
    await http().post('/users').send({ id: 'olga', displayName: 'Olga' }).expect(201);
    await http().post('/groups').send({ id: 'workplace', name: 'Workplace team' }).expect(201);
    await http().post('/services').send({ id: 'workplace', name: 'Workplace', owner: 'olga', supportGroup: 'workplace', slaPolicy: 'silver', stage: 'live' }).expect(201);
    await http().post('/services').send({ id: 'fax', name: 'Fax', owner: 'olga', supportGroup: 'workplace', slaPolicy: 'bronze' }).expect(201);
  });
  afterAll(() => t.close());

  it('walks a group through its members, and its history says who changed them', async () => {
    const created = await http().post('/groups').send({ id: 'network', name: 'Network' }).set(authHeader('admin')).expect(201);
    expect(created.headers.location).toBe('/groups/network');
    await http().post('/groups/network/members').set(authHeader('lead')).send({ userId: 'ana' }).expect(200);
    const again = await http().post('/groups/network/members').send({ userId: 'ana' }).expect(200);
    expect(again.body.events).toEqual([]);
    expect((await http().get('/groups/network/members').expect(200)).body).toEqual(['ana']);
    const removed = await http().delete('/groups/network/members/ana?reason=left%20the%20team').set(authHeader('lead')).expect(200);
    expect(removed.body).toMatchObject({ members: [], revision: 2 });
    const events = (await http().get('/groups/network/events').expect(200)).body;
    expect(events.map((e: { type: string; envelope: { actor: string } }) => [e.type, e.envelope.actor])).toEqual([
      ['GroupCreated', 'user:admin'],
      ['GroupMemberAdded', 'user:lead'],
      ['GroupMemberRemoved', 'user:lead'],
    ]);
    expect(events[2].data).toEqual({ groupId: 'network', userId: 'ana', reason: 'left the team' });
  });

  it('moves a service through the portfolio, each stage change an event', async () => {
    await http().post('/services/fax/stage').send({ stage: 'live' }).expect(200);
    const retired = await http().post('/services/fax/stage').send({ stage: 'retired', reason: 'nobody faxes' }).expect(200);
    expect(retired.body).toMatchObject({ id: 'fax', stage: 'retired' });
    const types = (await http().get('/services/fax/events').expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual(['ServiceRegistered', 'ServiceStageChanged', 'ServiceStageChanged']);
    expect((await http().get('/services?stage=retired').expect(200)).body.map((s: { id: string }) => s.id)).toEqual(['fax']);
  });

  it('registers a CI and a catalog item with a typed form, and lists them by service', async () => {
    await http().post('/configuration-items').send({ id: 'laptop-17', name: 'Laptop 17', type: 'laptop', owningService: 'workplace' }).expect(201);
    const item = await http()
      .post('/catalog-items')
      .send({ id: 'laptop', name: 'New laptop', service: 'workplace', approval: { kind: 'service-owner' }, tasks: ['order'], form: [{ name: 'model', label: 'Model', required: true, type: { kind: 'enum', values: ['13-inch'] } }] })
      .expect(201);
    expect(item.body).toMatchObject({ id: 'laptop', formVersion: 1, active: true, revision: 0 });
    const one = await http().get('/configuration-items/laptop-17').expect(200);
    expect(one.headers.etag).toBe('"0"');
    expect((await http().get('/configuration-items?service=workplace').expect(200)).body.map((c: { id: string }) => c.id)).toEqual(['laptop-17']);
    expect((await http().get('/catalog-items?service=workplace').expect(200)).body.map((c: { id: string }) => c.id)).toEqual(['laptop']);
  });

  describe('bad input gets a clear 4xx problem+json and writes nothing', () => {
    const cases: [string, () => request.Test, number, string, RegExp][] = [
      ['an unknown field', () => http().post('/users').send({ id: 'x', displayName: 'X', role: 'god' }), 400, 'REFERENCE_DATA.INVALID_INPUT', /\$\.role: is not a known field/],
      ['a wrong type', () => http().post('/groups').send({ id: 'x', name: 42 }), 400, 'REFERENCE_DATA.INVALID_INPUT', /\$\.name: must be a string/],
      ['an id that cannot be a stream name', () => http().post('/users').send({ id: '../etc', displayName: 'X' }), 400, 'REFERENCE_DATA.INVALID_INPUT', /\$\.id/],
      ['a JSON array body', () => http().post('/users').send([{ id: 'x' }]), 400, 'HTTP.INVALID_REQUEST', /JSON object/],
      ['a second user with the same id', () => http().post('/users').send({ id: 'ana', displayName: 'Ana 2' }), 409, 'REFERENCE_DATA.ALREADY_EXISTS_CONFLICT', /already exists/],
      ['a member who is not a user', () => http().post('/groups/workplace/members').send({ userId: 'ghost' }), 422, 'REFERENCE_DATA.REFERENCE_NOT_ALLOWED', /unknown user 'ghost'/],
      ['removing someone who is not a member', () => http().delete('/groups/workplace/members/olga'), 404, 'REFERENCE_DATA.UNKNOWN_MEMBER', /not a member/],
      ['a member of an unknown group', () => http().post('/groups/nope/members').send({ userId: 'ana' }), 404, 'REFERENCE_DATA.UNKNOWN_GROUP', /Unknown group 'nope'/],
      ['a CI of an unknown service', () => http().post('/configuration-items').send({ id: 'db-1', name: 'db', type: 'database', owningService: 'payroll' }), 422, 'REFERENCE_DATA.REFERENCE_NOT_ALLOWED', /unknown service 'payroll'/],
      ['a catalog item of a retired service', () => http().post('/catalog-items').send({ id: 'fax-paper', name: 'Paper', service: 'fax' }), 422, 'REFERENCE_DATA.REFERENCE_NOT_ALLOWED', /retired/],
      ['an ill-typed form', () => http().post('/catalog-items').send({ id: 'x', name: 'X', service: 'workplace', form: [{ name: 'a', label: 'A', type: { kind: 'colour' } }] }), 400, 'REFERENCE_DATA.INVALID_INPUT', /\$\.form\[0\]\.type\.kind/],
      ['a stage change the portfolio forbids', () => http().post('/services/workplace/stage').send({ stage: 'pipeline' }), 422, 'REFERENCE_DATA.CHANGE_NOT_ALLOWED', /cannot move from live to pipeline/],
      ['a stale If-Match', () => http().post('/services/workplace/offerings').set('If-Match', '"99"').send({ offeringId: 'desk', name: 'Desk' }), 409, 'ENGINE.REVISION_CONFLICT', /revision/],
    ];

    it.each(cases)('refuses %s', async (_name, send, status, code, detail) => {
      const before = await t.store.headPosition();
      const res = await send().expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code });
      expect(res.body.detail).toMatch(detail);
      expect(await t.store.headPosition()).toBe(before);
    });

    it('lists every issue with its JSON path', async () => {
      const res = await http().post('/services').send({ id: 'email', name: 'Email', owner: 'ghost', supportGroup: 'nobody', slaPolicy: 'gold' }).expect(422);
      expect(res.body.errors).toEqual([
        { path: '$.owner', message: "unknown user 'ghost'" },
        { path: '$.supportGroup', message: "unknown group 'nobody'" },
      ]);
    });

    it('answers 404 for an unknown CI and its events', async () => {
      const res = await http().get('/configuration-items/no-such-ci').expect(404);
      expect(res.body.code).toBe('REFERENCE_DATA.UNKNOWN_CI');
      await http().get('/configuration-items/no-such-ci/events').expect(404);
    });
  });
});
