import { as, createTestApp, type TestApp } from '../test-support/test-app';

/** Bad input to the change process over HTTP: a 4xx problem with a stable code and the JSON path, nothing written. */
describe('Change API: bad input answers 4xx and writes nothing', () => {
  let t: TestApp;
  let id: string;
  const http = () => as(t.app, 'olga');
  const plan = { implementationPlan: 'drain, upgrade', backoutPlan: 'restore', plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
  beforeAll(async () => {
    t = await createTestApp({ laterVersions: true });
    id = (await http().post('/changes').send({ title: 'Upgrade the relay', changeOwner: 'olga', service: 'email' }).expect(201)).body.id;
  });
  afterAll(() => t.close());
  const events = async () => (await http().get(`/changes/${id}/events`).expect(200)).body.length as number;

  it('refuses approving a change that is not awaiting approval (422)', async () => {
    const before = await events();
    const res = await http().post(`/changes/${id}/approve`).send({ approver: 'ana' }).expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await events()).toBe(before);
  });

  it('refuses a window ending before it starts (400 at $.plannedEnd)', async () => {
    const before = await events();
    const res = await http().post(`/changes/${id}/submit`).send({ ...plan, plannedEnd: '2026-03-10T21:00:00Z' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '$.plannedEnd', code: 'WINDOW_ENDS_BEFORE_START' })]);
    expect(await events()).toBe(before);
  });

  it('refuses answers missing from the risk questionnaire (422 at each missing answer)', async () => {
    await http().post(`/changes/${id}/submit`).send(plan).expect(200);
    const before = await events();
    const res = await http().post(`/changes/${id}/assess`).send({ riskAnswers: { outage: 'yes' }, impactAnalysis: 'Mail delayed' }).expect(422);
    expect(res.body.code).toBe('TICKET.POLICY_NOT_ALLOWED');
    expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['$.riskAnswers.tested', 'MISSING_ANSWER'],
      ['$.riskAnswers.users', 'MISSING_ANSWER'],
    ]);
    expect(await events()).toBe(before);
  });

  it('refuses a standard change from an unknown template (422 at $.templateId), creating nothing', async () => {
    const res = await http().post('/changes?lifecycle=change-standard').set('Idempotency-Key', 'std-unknown').send({ templateId: 'no-such-template', ...plan }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '$.templateId', code: 'UNKNOWN_REFERENCE' })]);
    const created = await http().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', plannedStart: plan.plannedStart, plannedEnd: plan.plannedEnd }).expect(201);
    const view = await http().get(`/changes/${created.body.id}`).expect(200);
    expect(view.body.fields).toMatchObject({ changeType: 'standard', template: { id: 'patch-linux', version: 1 } });
  });
});
