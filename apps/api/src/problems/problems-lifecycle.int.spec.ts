import type request from 'supertest';
import { as, authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'Laptop Wi-Fi drops after sleep', caller: 'caller:bob', service: 'workplace', impact: 'medium', urgency: 'medium' };

describe('Problem API: the whole lifecycle over HTTP, on the ticket engine', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  async function openIncident(): Promise<string> {
    return (await http().post('/incidents').send(incident).expect(201)).body.id;
  }

  it('raises from incidents, publishes a known error with a workaround first, resolves through a change, and offers the open incidents', async () => {
    const [i1, i2, i3] = [await openIncident(), await openIncident(), await openIncident()];
    await http().post(`/incidents/${i2}/cancel`).send({ reason: 'Duplicate' }).expect(200);
    const opened = await http()
      .post('/problems')
      .set(authHeader('pat'))
      .send({ title: 'Laptops lose Wi-Fi after sleep', incidentIds: [i1, i2], service: 'workplace', configurationItem: 'laptop-17', assignmentGroup: 'workplace' })
      .expect(201);
    const id = opened.body.id;
    expect(opened.headers.location).toBe(`/problems/${id}`);
    await http().post(`/problems/${id}/links`).send({ kind: 'affects', target: { type: 'ticket', id: i3, process: 'incident' } }).expect(200);
    await http().patch(`/problems/${id}`).set('If-Match', '"1"').send({ assignee: 'raj', rootCauseAnalysis: 'Only driver 22.1' }).expect(200);
    await http().post(`/problems/${id}/accept`).send({ problemOwner: 'pat' }).expect(200);
    const known = await http().post(`/problems/${id}/record-workaround`).send({ workaround: 'Disable power saving on the adapter' }).expect(200);
    expect(known.body.status).toBe('knownError');
    await http().post(`/problems/${id}/identify-root-cause`).send({ rootCause: 'Driver 22.1 drops the association on resume' }).expect(200);
    await http().post(`/problems/${id}/raise-change`).send({ changeId: 'CHG-1042' }).expect(200);
    const resolved = await http().post(`/problems/${id}/change-implemented`).send({ resolutionCode: 'driver-update', resolutionNotes: 'Driver 22.3 rolled out' }).expect(200);
    // Resolving offers to resolve the linked incidents still open (i2 is cancelled).
    expect(resolved.body.offers.map((o: { ticket: { id: string }; event: string }) => [o.ticket.id, o.event]).sort()).toEqual([[i1, 'RESOLVE'], [i3, 'RESOLVE']].sort());
    await http().post(`/problems/${id}/close`).send({}).expect(200);

    const view = (await http().get(`/problems/${id}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'closed', fields: { closureCode: 'resolved', changeId: 'CHG-1042', knownErrorPublishedAt: '2026-03-02T09:00:00.000Z' } });
    const types = (await http().get(`/problems/${id}/events`).expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'ProblemLogged',
      'ProblemLinked',
      'ProblemFieldsUpdated',
      'ProblemAccepted',
      'ProblemWorkaroundRecorded',
      'ProblemRootCauseIdentified',
      'ProblemChangeRaised',
      'ProblemResolvedByChange',
      'ProblemClosed',
    ]);
  });

  it('finds known errors by text, service and configuration item, from the moment a workaround is recorded', async () => {
    const mk = async (title: string, service: string, ci: string | null, workaround?: string) => {
      const id = (await http().post('/problems').send({ title, service, ...(ci ? { configurationItem: ci } : {}) }).expect(201)).body.id;
      await http().post(`/problems/${id}/accept`).send({ problemOwner: 'pat' }).expect(200);
      if (workaround) await http().post(`/problems/${id}/record-workaround`).send({ workaround }).expect(200);
      return id;
    };
    const relay = await mk('Mail relay drops large attachments', 'email', 'mail-01', 'Send large files through the share');
    const router = await mk('Leeds router reboots at night', 'vpn', 'edge-router-leeds', 'Schedule the backup job later');
    const draft = await mk('Unpublished: still investigating attachments', 'email', 'mail-01');
    // The known error database is a read model: read after the last write.
    const after = (await http().get(`/problems/${draft}/events`).expect(200)).body.at(-1).position as string;
    const ids = async (query: string) => (await http().get(`/known-errors${query}${query ? '&' : '?'}after=${after}`).expect(200)).body.items.map((k: { id: string }) => k.id).sort();
    expect(await ids('?q=ATTACHMENTS')).toEqual([relay]);
    expect(await ids('?q=large%20share')).toEqual([relay]);
    expect(await ids('?service=vpn')).toEqual([router]);
    expect(await ids('?configurationItem=mail-01')).toEqual([relay]);
    expect(await ids('?service=email&q=router')).toEqual([]);
    const bad = await http().get('/known-errors?owner=pat').expect(400);
    expect(bad.body.code).toBe('HTTP.INVALID_REQUEST');
  });

  it('appears in the served OpenAPI document: a POST per lifecycle event of version 2, typed from the dictionary, and the known error search', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    for (const path of ['/problems', '/problems/{id}/record-workaround', '/problems/{id}/accept-risk', '/problems/{id}/await-vendor-fix', '/problems/{id}/mark-duplicate', '/known-errors']) {
      expect([path, doc.paths[path] !== undefined]).toEqual([path, true]);
    }
    expect(JSON.stringify(doc.paths['/problems/{id}/record-workaround'])).toContain('workaround');
  });

  it('closes without a root cause, and with the risk accepted', async () => {
    const a = (await http().post('/problems').send({ title: 'Intermittent VPN drop', service: 'vpn' }).expect(201)).body.id;
    await http().post(`/problems/${a}/accept`).send({ problemOwner: 'pat' }).expect(200);
    await http().post(`/problems/${a}/close-without-root-cause`).send({ closureNotes: 'Not reproducible in 30 days of logs' }).expect(200);
    expect((await http().get(`/problems/${a}`)).body.fields.closureCode).toBe('no-root-cause');
    const b = (await http().post('/problems').send({ title: 'Old printer jams' }).expect(201)).body.id;
    await http().post(`/problems/${b}/accept`).send({ problemOwner: 'pat' }).expect(200);
    await http().post(`/problems/${b}/record-workaround`).send({ workaround: 'Use tray 2' }).expect(200);
    await http().post(`/problems/${b}/await-vendor-fix`).send({ vendorReference: 'VENDOR-4471' }).expect(200);
    await http().post(`/problems/${b}/vendor-fix-failed`).send({}).expect(200);
    await http().post(`/problems/${b}/accept-risk`).send({ acceptedBy: 'olga', reason: 'The printer retires next quarter' }).expect(200);
    expect((await http().get(`/problems/${b}`)).body).toMatchObject({ status: 'closed', fields: { closureCode: 'risk-accepted' } });
  });

  describe('bad input answers 4xx problem+json and writes nothing', () => {
    let id: string;
    let incidentId: string;
    beforeAll(async () => {
      id = (await http().post('/problems').send({ title: 'Mail relay drops connections', assignmentGroup: 'email' }).expect(201)).body.id;
      incidentId = await openIncident();
    });
    const cases: [string, () => request.Test, number, string, RegExp][] = [
      ['an unknown CI', () => http().post('/problems').send({ title: 't', configurationItem: 'no-such-ci' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /\$\.configurationItem:? no ci 'no-such-ci' exists/],
      ['an unknown service', () => http().post('/problems').send({ title: 't', service: 'payroll' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /no service 'payroll'/],
      ['an assignee outside the group', () => http().patch(`/problems/${id}`).set('If-Match', '"0"').send({ assignee: 'raj' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /'raj' is not a member of group 'email'/],
      ['a workaround before the problem is accepted', () => http().post(`/problems/${id}/record-workaround`).send({ workaround: 'x' }), 422, 'WORKFLOW.TRANSITION_NOT_ALLOWED', /RECORD_WORKAROUND is not allowed in state 'new'/],
      ['a duplicate of an incident', () => http().post(`/problems/${id}/mark-duplicate`).send({ duplicateOf: incidentId }), 422, 'TICKET.INPUT_NOT_ALLOWED', /is a incident, not a problem/],
      ['a duplicate of itself', () => http().post(`/problems/${id}/mark-duplicate`).send({ duplicateOf: id }), 422, 'TICKET.POLICY_NOT_ALLOWED', /cannot be a duplicate of itself/],
      ['a pinned closure code', () => http().post(`/problems/${id}/cancel`).send({ reason: 'x', closureCode: 'resolved' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /closureCode/],
      ['an incident list of the wrong type', () => http().post('/problems').send({ title: 't', incidentIds: 'INC-1' }), 400, 'TICKET.INVALID_INPUT', /\$\.incidentIds:? must be a list/],
    ];
    it.each(cases)('refuses %s', async (_name, send, status, code, detail) => {
      const before = await t.store.headPosition();
      const res = await send().expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code });
      expect(res.body.detail).toMatch(detail);
      expect(await t.store.headPosition()).toBe(before);
    });
  });
});
