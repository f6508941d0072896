import request from 'supertest';
import { brokenIncident, incidentWithoutVendorPending, seed } from '@itil/lifecycles/test-support/definitions';
import { authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'medium' };

describe('Lifecycles API: draft, validate, what-if, publish, diff, diagram, migrate', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  async function incidentAwaitingVendor(): Promise<string> {
    const id = (await http().post('/incidents').set(authHeader('tester')).send(incident).expect(201)).body.id as string;
    await http().post(`/incidents/${id}/assign`).set(authHeader('tester')).send({ assignmentGroup: 'network', assignee: 'ana' }).expect(200);
    await http().post(`/incidents/${id}/start-work`).set(authHeader('tester')).send({}).expect(200);
    await http().post(`/incidents/${id}/pend`).set(authHeader('tester')).send({ reason: 'awaiting_vendor' }).expect(200);
    return id;
  }

  it('takes a lifecycle edit from draft to published, leaving tickets in flight on their version until migrated', async () => {
    const list = await http().get('/lifecycles').set(authHeader('tester')).expect(200);
    expect(list.body.map((p: { process: string; liveVersion: number }) => [p.process, p.liveVersion])).toContainEqual(['incident', 1]);
    expect(list.body).toHaveLength(7);

    const waiting = await incidentAwaitingVendor();
    await http().post('/incidents').set(authHeader('tester')).send(incident).expect(201);

    const checked = await http().post('/lifecycles/incident/drafts/validate').set(authHeader('tester')).send({ definition: brokenIncident() }).expect(200);
    expect(checked.body.valid).toBe(false);
    expect(checked.body.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { path: string }) => f.path)).toEqual(['$.states.assigned.on.START_WORK.guard', '$.states.triage', '$.states.onHold']);

    const saved = await http().post('/lifecycles/incident/drafts').set(authHeader('owner:pat')).send({ definition: incidentWithoutVendorPending(), notes: 'no vendor waits' }).expect(201);
    expect(saved.headers.location).toBe('/lifecycles/incident/drafts/1');
    expect(saved.body.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(saved.body).toMatchObject({ created: true, valid: true, draft: { draft: 1, basedOnVersion: 1, author: 'user:owner:pat', source: 'api' } });

    const whatIf = await http().post('/lifecycles/incident/what-if').set(authHeader('tester')).send({ draft: 1 }).expect(200);
    expect(whatIf.body.totals).toEqual({ tickets: 2, accepted: 1, rejected: 1, inFlight: 2, stranded: 1, affected: 1 });
    expect(whatIf.body.tickets).toEqual([expect.objectContaining({ ticketId: waiting, state: 'awaitingVendor', stranded: 'STATE_REMOVED', rejection: expect.objectContaining({ reason: 'TARGET_DIFFERS', via: 'PEND' }) })]);
    const asText = await http().post('/lifecycles/incident/what-if').set(authHeader('tester')).set('Accept', 'text/plain').send({ draft: 1 }).expect(200);
    expect(asText.headers['content-type']).toMatch(/^text\/plain/);
    expect(asText.text).toContain('stranded  1');

    const diff = await http().get('/lifecycles/incident/diff?from=1&to=draft:1').set(authHeader('tester')).expect(200);
    expect(diff.body.states.removed).toEqual(['awaitingVendor']);

    const published = await http().post('/lifecycles/incident/publish').set(authHeader('owner:pat')).send({ draft: 1, expectedVersion: 1, notes: 'approved' }).expect(201);
    expect(published.headers.location).toBe('/lifecycles/incident/versions/2');
    expect(published.body).toMatchObject({ process: 'incident', version: 2, draft: 1, author: 'user:owner:pat' });

    // New tickets get version 2; the waiting one is still on version 1 and still works under it.
    const fresh = await http().post('/incidents').set(authHeader('tester')).send(incident).expect(201);
    expect((await http().get(`/incidents/${fresh.body.id}`).set(authHeader('tester')).expect(200)).body.lifecycle).toEqual({ id: 'incident', version: 2 });
    expect((await http().get(`/incidents/${waiting}`).set(authHeader('tester')).expect(200)).body).toMatchObject({ status: 'awaitingVendor', lifecycle: { id: 'incident', version: 1 } });

    const version = await http().get('/lifecycles/incident/versions/2').set(authHeader('tester')).expect(200);
    expect(version.body.definition.states.awaitingVendor).toBeUndefined();
    const svg = await http().get('/lifecycles/incident/versions/2/diagram.svg').set(authHeader('tester')).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(svg.body)).toMatch(/^<svg /);
    const mmd = await http().get('/lifecycles/incident/versions/1/diagram.mmd').set(authHeader('tester')).expect(200);
    expect(mmd.text).toContain('stateDiagram-v2');

    const dry = await http().post('/lifecycles/incident/migrations').set(authHeader('tester')).send({ fromVersion: 1, toVersion: 2, mapping: { awaitingVendor: 'awaitingCaller' }, dryRun: true }).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, totals: { tickets: 2, migrated: 0 } });
    expect(dry.body.tickets).toContainEqual(expect.objectContaining({ ticketId: waiting, fromState: 'awaitingVendor', toState: 'awaitingCaller' }));
    const before = (await t.store.headPosition())!;
    const done = await http().post('/lifecycles/incident/migrations').set(authHeader('owner:pat')).send({ fromVersion: 1, toVersion: 2, mapping: { awaitingVendor: 'awaitingCaller' }, dryRun: false }).expect(200);
    expect(done.body.totals).toEqual({ tickets: 2, migrated: 2, failed: 0 });
    expect((await t.store.readAll({ fromPosition: before + 1n })).map((e) => e.type)).toEqual(['IncidentLifecycleMigrated', 'IncidentLifecycleMigrated']);
    expect((await http().get(`/incidents/${waiting}`).set(authHeader('tester')).expect(200)).body).toMatchObject({ status: 'awaitingCaller', lifecycle: { id: 'incident', version: 2 }, allowedEvents: ['CANCEL', 'RESOLVE', 'RESUME'].map((event) => expect.objectContaining({ event })) });
    await http().post(`/incidents/${waiting}/resume`).set(authHeader('tester')).send({}).expect(200);
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const doc = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/lifecycles', '/lifecycles/{process}/publish', '/lifecycles/{process}/what-if', '/lifecycles/{process}/migrations']));
  });
});

describe('Lifecycles API: bad input gets a clear 4xx and writes nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await request(t.app.getHttpServer()).post('/incidents').set(authHeader('tester')).send(incident).expect(201);
  });
  afterAll(() => t.close());
  const send = (method: 'get' | 'post', path: string) => request(t.app.getHttpServer())[method](path).set(authHeader('tester'));

  const cases: [string, () => request.Test, number, string | RegExp, RegExp][] = [
    ['malformed JSON', () => send('post', '/lifecycles/incident/publish').set('Content-Type', 'application/json').send('{"expectedVersion": 1, "definition": {'), 400, /^HTTP\./, /JSON/],
    ['an unknown process', () => send('post', '/lifecycles/parking/publish').send({ definition: seed('incident'), expectedVersion: 1 }), 404, 'LIFECYCLE.UNKNOWN_PROCESS', /Unknown process 'parking'/],
    ['a stale expected version', () => send('post', '/lifecycles/incident/publish').send({ definition: incidentWithoutVendorPending(), expectedVersion: 3 }), 409, 'LIFECYCLE.VERSION_CONFLICT', /at version 1, not 3/],
    ['an invalid definition', () => send('post', '/lifecycles/incident/publish').send({ definition: brokenIncident(), expectedVersion: 1 }), 400, 'LIFECYCLE.INVALID_DEFINITION', /3 error\(s\)/],
    ['definition text that is not JSON', () => send('post', '/lifecycles/incident/publish').send({ definition: '{"id": "incident",', expectedVersion: 1 }), 400, 'LIFECYCLE.INVALID_DEFINITION', /Not valid JSON at line 1/],
    ['a definition of another process', () => send('post', '/lifecycles/incident/drafts').send({ definition: seed('problem') }), 400, 'LIFECYCLE.INVALID_DEFINITION', /for 'problem', not 'incident'/],
    ['the live definition again', () => send('post', '/lifecycles/incident/publish').send({ definition: seed('incident'), expectedVersion: 1 }), 422, 'LIFECYCLE.PUBLISH_NOT_ALLOWED', /identical to the live version 1/],
    ['both a definition and a draft', () => send('post', '/lifecycles/incident/publish').send({ definition: seed('incident'), draft: 1, expectedVersion: 1 }), 400, 'HTTP.INVALID_REQUEST', /either definition or draft/],
    ['a missing expected version', () => send('post', '/lifecycles/incident/publish').send({ definition: seed('incident') }), 400, 'HTTP.INVALID_REQUEST', /expectedVersion/],
    ['an unknown field', () => send('post', '/lifecycles/incident/publish').send({ definition: seed('incident'), expectedVersion: 1, force: true }), 400, 'HTTP.INVALID_REQUEST', /property force should not exist/],
    ['an unknown draft', () => send('post', '/lifecycles/incident/publish').send({ draft: 9, expectedVersion: 1 }), 404, 'LIFECYCLE.UNKNOWN_DRAFT', /no open draft 9/],
    ['an unknown version', () => send('get', '/lifecycles/incident/versions/7'), 404, 'LIFECYCLE.UNKNOWN_VERSION', /no version 7/],
    ['a version that is not a number', () => send('get', '/lifecycles/incident/versions/latest/diagram.svg'), 400, 'HTTP.INVALID_REQUEST', /numeric string is expected/],
    ['a diff without its versions', () => send('get', '/lifecycles/incident/diff?from=1'), 400, 'HTTP.INVALID_REQUEST', /to is required/],
    ['a what-if naming nothing to try', () => send('post', '/lifecycles/incident/what-if').send({}), 400, 'LIFECYCLE.INVALID_DEFINITION', /exactly one/],
    ['a what-if filter with a bad date', () => send('post', '/lifecycles/incident/what-if').send({ version: 1, filter: { openedFrom: 'last week' } }), 400, 'HTTP.INVALID_REQUEST', /openedFrom/],
    ['a migration mapping to unknown states', () => send('post', '/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 1, mapping: { nowhere: 'new' }, dryRun: false }), 400, 'LIFECYCLE.INVALID_MAPPING', /no state 'nowhere'/],
    ['a migration mapping that is not a string map', () => send('post', '/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 2, mapping: { a: 1 }, dryRun: true }), 400, 'HTTP.INVALID_REQUEST', /mapping must be/],
  ];

  it.each(cases)('refuses %s', async (_name, act, status, code, detail) => {
    const before = await t.store.headPosition();
    const res = await act().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code: typeof code === 'string' ? code : expect.stringMatching(code) });
    expect(res.body.detail).toMatch(detail);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('tells a stale publisher which version is live, and an unknown process which ones exist', async () => {
    const stale = await send('post', '/lifecycles/incident/publish').send({ definition: incidentWithoutVendorPending(), expectedVersion: 3 }).expect(409);
    expect(stale.body).toMatchObject({ process: 'incident', expectedVersion: 3, actualVersion: 1 });
    const unknown = await send('post', '/lifecycles/parking/publish').send({ definition: seed('incident'), expectedVersion: 1 }).expect(404);
    expect(unknown.body.knownProcesses).toEqual(expect.arrayContaining(['incident', 'problem', 'change-normal']));
  });

  it('answers an invalid definition with findings a process owner can act on', async () => {
    const res = await send('post', '/lifecycles/incident/publish').send({ definition: brokenIncident(), expectedVersion: 1 }).expect(400);
    expect(res.body.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([
      expect.objectContaining({ path: '$.states.assigned.on.START_WORK.guard', code: 'UNKNOWN_GUARD' }),
      expect.objectContaining({ path: '$.states.triage', code: 'UNREACHABLE_STATE' }),
      expect.objectContaining({ path: '$.states.onHold', code: 'DEAD_END' }),
    ]);
  });

  it('refuses a migration that would strand tickets, with 422 and the states to map', async () => {
    const id = (await send('post', '/incidents').send(incident).expect(201)).body.id;
    await send('post', `/incidents/${id}/assign`).send({ assignmentGroup: 'network', assignee: 'ana' }).expect(200);
    await send('post', `/incidents/${id}/start-work`).send({}).expect(200);
    await send('post', `/incidents/${id}/pend`).send({ reason: 'awaiting_vendor' }).expect(200);
    await send('post', '/lifecycles/incident/publish').send({ definition: incidentWithoutVendorPending(), expectedVersion: 1 }).expect(201);
    const before = await t.store.headPosition();
    const res = await send('post', '/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 2, mapping: {}, dryRun: false }).expect(422);
    expect(res.body).toMatchObject({ code: 'LIFECYCLE.MIGRATION_NOT_ALLOWED', findings: [expect.objectContaining({ path: '$.mapping.awaitingVendor', code: 'STRANDED_TICKETS' })] });
    expect(res.body.detail).toMatch(/1 ticket\(s\) are in 'awaitingVendor', which version 2 lacks: map 'awaitingVendor' to one of/);
    expect(await t.store.headPosition()).toBe(before);
  });
});
