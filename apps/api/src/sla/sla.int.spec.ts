import type request from 'supertest';
import { londonOffice, standardPolicy } from '@itil/sla/test-support/sla-fixtures';
import { authHeader, as, createTestApp, type TestApp } from '../test-support/test-app';

const H = 3_600_000;
const incident = { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'high' };

describe('SLA API: calendars and policies as versions, a ticket’s SLA status', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const expectNothingWritten = async (send: () => Promise<request.Response>, status: number, path: string, code: string) => {
    const before = await t.store.headPosition();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    if (path) expect(res.body.findings.map((f: { path: string }) => f.path)).toContain(path);
    expect(await t.store.headPosition()).toBe(before);
    return res;
  };

  it('refuses bad calendars and policies with 400, the finding’s JSON path, and writes nothing', async () => {
    const calendar = (document: unknown) => () => http().post('/sla/calendars/london-office/publish').set(authHeader('owner:pat')).send({ document, expectedVersion: 0 });
    await expectNothingWritten(calendar({ ...londonOffice, timeZone: 'Mars/Olympus' }), 400, '$.timeZone', 'SLA.INVALID_CALENDAR');
    await expectNothingWritten(calendar({ ...londonOffice, weeklyHours: { monday: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] } }), 400, '$.weeklyHours.monday[1].start', 'SLA.INVALID_CALENDAR');
    await expectNothingWritten(() => http().post('/sla/calendars/london-office/drafts').send({ document: { ...londonOffice, timeZone: 'Nowhere/City' } }), 400, '$.timeZone', 'SLA.INVALID_CALENDAR');

    await http().post('/sla/calendars/london-office/publish').set(authHeader('owner:pat')).send({ document: { ...londonOffice, timeZone: 'europe/london' }, expectedVersion: 0 }).expect(201);
    const policy = (document: unknown) => () => http().post('/sla/policies/incident-standard/publish').send({ document, expectedVersion: 0 });
    await expectNothingWritten(policy(standardPolicy({ calendar: 'paris-office' })), 400, '$.calendar', 'SLA.INVALID_POLICY');
    await expectNothingWritten(policy(standardPolicy({ targets: { '1': { responseMinutes: -5, resolutionMinutes: 240 } } })), 400, '$.targets["1"].responseMinutes', 'SLA.INVALID_POLICY');
    await expectNothingWritten(policy(standardPolicy({ targets: { '1': { resolutionMinutes: 0 } } })), 400, '$.targets["1"].resolutionMinutes', 'SLA.INVALID_POLICY');
    await expectNothingWritten(policy(standardPolicy({ warnings: [{ percent: 150, actions: [] }] })), 400, '$.warnings[0].percent', 'SLA.INVALID_POLICY');
    await expectNothingWritten(() => http().post('/sla/policies/Bad_Name/publish').send({ document: standardPolicy(), expectedVersion: 0 }), 400, '', 'SLA.INVALID_NAME');
    await expectNothingWritten(() => http().post('/sla/policies/incident-standard/publish').send({ document: standardPolicy(), expectedVersion: 'one' }), 400, '', 'HTTP.INVALID_REQUEST');

    const checked = await http().post('/sla/policies/validate').send({ document: standardPolicy({ calendar: 'paris-office' }) }).expect(200);
    expect(checked.body).toMatchObject({ valid: false, findings: [{ path: '$.calendar', code: 'UNKNOWN_CALENDAR' }] });
  });

  it('keeps the canonical zone, versions and drafts; a stale expected version is a 409', async () => {
    const stored = await http().get('/sla/calendars/london-office/versions/1').expect(200);
    expect(stored.body.document.timeZone).toBe('Europe/London');
    const draft = await http().post('/sla/policies/incident-standard/drafts').set(authHeader('owner:pat')).send({ document: standardPolicy(), notes: 'first' }).expect(201);
    expect(draft.body).toMatchObject({ created: true, draft: { draft: 1, basedOnVersion: 0, status: 'open' } });
    const published = await http().post('/sla/policies/incident-standard/publish').set(authHeader('owner:pat')).send({ draft: 1, expectedVersion: 0 }).expect(201);
    expect(published.headers.location).toBe('/sla/policies/incident-standard/versions/1');
    expect(published.body).toMatchObject({ name: 'incident-standard', version: 1, draft: 1, author: 'user:owner:pat' });
    const stale = await http().post('/sla/policies/incident-standard/publish').send({ document: standardPolicy({ warnings: [] }), expectedVersion: 0 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'SLA.VERSION_CONFLICT', expectedVersion: 0, actualVersion: 1 });
    const history = await http().get('/sla/policies/incident-standard').expect(200);
    expect(history.body).toMatchObject({ liveVersion: 1, versions: [{ version: 1, href: '/sla/policies/incident-standard/versions/1' }], drafts: [{ draft: 1, status: 'published' }] });
    expect((await http().get('/sla/policies').expect(200)).body).toEqual([{ name: 'incident-standard', liveVersion: 1 }]);
    await http().get('/sla/calendars/nowhere').expect(404);
  });

  it('shows a ticket’s clocks, paused while it waits on the caller, and re-baselines on request', async () => {
    // Monday 2 March 2026 09:00Z (London = UTC in March before the 29th): a P1 incident.
    const id = (await http().post('/incidents').send(incident).expect(201)).body.id as string;
    const stream = `incident-${id}`;
    t.clock.advance(H);
    let status = (await http().get(`/sla/tickets/${stream}`).expect(200)).body;
    expect(status).toMatchObject({ ticketStream: stream, process: 'incident', state: 'new', policy: { name: 'incident-standard', version: 1 }, calendar: { name: 'london-office', version: 1 }, baseline: 0 });
    const resolution = () => status.clocks.find((c: { clock: string }) => c.clock === 'resolution');
    expect(resolution()).toMatchObject({ state: 'running', priority: 1, targetMs: 4 * H, elapsedMs: H, remainingMs: 3 * H, dueAt: '2026-03-02T13:00:00.000Z', breached: false });
    expect(status.slaDueAt).toBe('2026-03-02T13:00:00.000Z');

    await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', assignee: 'ana' }).expect(200);
    await http().post(`/incidents/${id}/start-work`).send({}).expect(200);
    await http().post(`/incidents/${id}/pend`).send({ reason: 'awaiting_caller' }).expect(200);
    t.clock.advance(2 * H);
    status = (await http().get(`/sla/tickets/${stream}`).expect(200)).body;
    expect(resolution()).toMatchObject({ state: 'paused', elapsedMs: H, pausedMs: 2 * H, pausedWallMs: 2 * H, dueAt: null });
    expect(status.clocks.find((c: { clock: string }) => c.clock === 'response')).toMatchObject({ state: 'stopped', met: true, elapsedMs: H });

    await http().post('/sla/policies/incident-standard/publish').send({ document: standardPolicy({ targets: { '1': { responseMinutes: 30, resolutionMinutes: 120 } } }), expectedVersion: 1 }).expect(201);
    expect((await http().get(`/sla/tickets/${stream}`).expect(200)).body.policy).toEqual({ name: 'incident-standard', version: 1 });
    const rebaselined = await http().post(`/sla/tickets/${stream}/rebaseline`).set(authHeader('owner:kim')).send({ reason: 'new contract' }).expect(200);
    expect(rebaselined.body).toMatchObject({ policy: { version: 2 }, baseline: 1, rebaselines: [{ reason: 'new contract', requestedBy: 'user:owner:kim' }] });
    expect(rebaselined.body.clocks.find((c: { clock: string }) => c.clock === 'resolution')).toMatchObject({ targetMs: 2 * H, remainingMs: H });
    await http().post(`/sla/tickets/${stream}/rebaseline`).send({ reason: 'again' }).expect(422);
    await http().post(`/sla/tickets/${stream}/rebaseline`).send({}).expect(400);
  });

  it('answers 404 for a stream that is no ticket', async () => {
    const res = await http().get('/sla/tickets/incident-00000000-0000-4000-8000-000000000000').expect(404);
    expect(res.body.code).toBe('SLA.UNKNOWN_TICKET');
    await http().get('/sla/tickets/sla-calendar-london-office').expect(404);
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const doc = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/sla/calendars/{name}/publish', '/sla/policies/validate', '/sla/tickets/{stream}', '/sla/tickets/{stream}/rebaseline']));
  });
});
