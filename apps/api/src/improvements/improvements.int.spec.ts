import { as, createTestApp, type TestApp } from '../test-support/test-app';

/*
 * A hand-computed fixture (MTTR, calendar minutes, UTC days), incidents resolved at:
 *   A vpn   opened 2026-03-02 09:00, resolved 11:00  -> 120
 *   B vpn   opened 2026-03-02 10:00, resolved 14:00  -> 240
 *   C email opened 2026-03-02 10:30, resolved 11:00  ->  30  (another service: never in vpn's figures)
 *   D vpn   opened 2026-03-05 09:00, resolved 10:00  ->  60
 * Initiative "VPN": mttr, 7-day window, baseline at 2026-03-02, target 90 (lower), due 2026-03-12.
 *   baseline  = window 02-24..03-02 = A, B       = (120 + 240) / 2      = 180
 *   on 03-05  = window 02-27..03-05 = A, B, D    = (120 + 240 + 60) / 3 = 140
 *               delta -40; to target -40 / (90 - 180) = 44.44%; time 3 of 10 days = 30% -> on-track
 *   on 03-10  = window 03-04..03-10 = D          = 60 <= 90 -> achieved; (60 - 180) / -90 = 133.33%
 */
describe('CSI improvement register over HTTP: baseline and progress from the CSI metrics', () => {
  let t: TestApp;
  let api: ReturnType<typeof as>;
  beforeAll(async () => {
    t = await createTestApp();
    api = as(t.app, 'olga', ['process-owner']);
  });
  afterAll(() => t.close());

  const at = (iso: string) => t.clock.set(new Date(iso));
  const agent = () => as(t.app, 'raj', ['agent']);
  async function resolved(service: string, openedAt: string, minutes: number): Promise<void> {
    at(openedAt);
    const { body } = await agent().post('/incidents').send({ title: `${service} down`, caller: 'caller:bob', impact: 'low', urgency: 'low', service }).expect(201);
    at(new Date(Date.parse(openedAt) + minutes * 60_000).toISOString());
    await agent().post(`/incidents/${body.id}/assign`).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    await agent().post(`/incidents/${body.id}/resolve`).send({ resolutionCode: 'fix', resolutionNotes: 'done' }).expect(200);
  }
  const vpn = { title: 'Halve VPN restore time', service: 'vpn', metric: 'mttr', windowDays: 7, baselineAt: '2026-03-02', target: 90, direction: 'lower', dueDate: '2026-03-12', owner: 'olga' };
  let id: string;

  it('records the baseline measured from the read model, the same figure the CSI report gives', async () => {
    await resolved('vpn', '2026-03-02T09:00:00Z', 120);
    await resolved('vpn', '2026-03-02T10:00:00Z', 240);
    await resolved('email', '2026-03-02T10:30:00Z', 30);
    at('2026-03-03T08:00:00Z');
    const res = await api.post('/improvements').send(vpn).expect(201);
    id = res.body.id;
    expect(res.headers.location).toBe(`/improvements/${id}`);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body).toMatchObject({ service: 'vpn', metric: 'mttr', figure: 'meanMinutes', status: 'open', owner: 'olga', baseline: { value: 180, sample: 2, from: '2026-02-24', to: '2026-03-02' } });
    expect(res.body.definition).toContain('MTTR');
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'ImprovementInitiativeRegistered', revision: 0 })]);
    const report = await api.get('/reports/csi/mttr?period=day&by=service&from=2026-02-24&to=2026-03-02').expect(200);
    expect(report.body.rows.filter((r: { service: string }) => r.service === 'vpn')).toEqual([expect.objectContaining({ count: 2, meanMinutes: 180 })]);
  });

  it('reads progress live from the same metric and window: 140 on 03-05 is 44.44% of the way, on track', async () => {
    await resolved('vpn', '2026-03-05T09:00:00Z', 60);
    const res = await api.get(`/improvements/${id}`).expect(200);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body.progress).toEqual({ current: { value: 140, sample: 3, from: '2026-02-27', to: '2026-03-05' }, delta: -40, percentToTarget: 44.44, timeElapsedPercent: 30, standing: 'on-track' });
    // The baseline is as recorded: the event carries it, nothing re-measures it.
    expect(res.body.baseline.value).toBe(180);
  });

  it('shows achieved once the window holds only the faster resolutions (03-10: 60 min)', async () => {
    at('2026-03-10T12:00:00Z');
    const res = await api.get(`/improvements/${id}`).expect(200);
    expect(res.body.progress).toMatchObject({ current: { value: 60, sample: 1, from: '2026-03-04', to: '2026-03-10' }, delta: -120, percentToTarget: 133.33, timeElapsedPercent: 80, standing: 'achieved' });
  });

  it('closes as achieved with the figure measured then, and keeps showing that figure', async () => {
    const closed = await api.post(`/improvements/${id}/close`).set('If-Match', '"0"').send({ outcome: 'achieved' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'achieved', revision: 1, events: [{ type: 'ImprovementInitiativeClosed', revision: 1 }] });
    at('2026-03-20T12:00:00Z');
    const res = await api.get(`/improvements/${id}`).expect(200);
    expect(res.body.progress).toMatchObject({ current: { value: 60, from: '2026-03-04', to: '2026-03-10' }, standing: 'achieved' });
    const events = await api.get(`/improvements/${id}/events`).expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['ImprovementInitiativeRegistered', 'ImprovementInitiativeClosed']);
    expect(events.body[1].data.final).toEqual({ value: 60, sample: 1, from: '2026-03-04', to: '2026-03-10' });
  });

  it('lists the register with filters, and as CSV', async () => {
    at('2026-03-05T12:00:00Z');
    // Email: baseline C = 30 over 02-24..03-02, target 20, due 03-04: on 03-05 still 30, so overdue.
    const email = await api.post('/improvements').send({ ...vpn, title: 'Faster email restores', service: 'email', target: 20, dueDate: '2026-03-04', owner: 'pat' }).expect(201);
    const all = await api.get('/improvements').expect(200);
    expect(all.body.items.map((i: { service: string }) => i.service)).toEqual(['vpn', 'email']);
    expect(all.body.items[1]).toMatchObject({ id: email.body.id, baseline: { value: 30 }, progress: { current: { value: 30 }, delta: 0, percentToTarget: 0, standing: 'overdue' } });
    const open = await api.get('/improvements?status=open&owner=pat').expect(200);
    expect(open.body.items.map((i: { id: string }) => i.id)).toEqual([email.body.id]);
    expect((await api.get('/improvements?service=vpn').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api.get('/improvements?status=achieved').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await api.get('/improvements?status=open').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([email.body.id]);
    expect((await api.get('/improvements?standing=overdue').expect(200)).body.items.map((i: { id: string }) => i.id)).toEqual([email.body.id]);
    const csv = await api.get('/improvements?service=email').set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text.trim().split('\r\n');
    expect(header).toBe('id,title,service,metric,figure,windowDays,owner,status,baselineAt,baseline,direction,target,dueDate,currentFrom,currentTo,current,delta,percentToTarget,standing');
    expect(row).toBe(`${email.body.id},Faster email restores,email,mttr,meanMinutes,7,pat,open,2026-03-02,30,lower,20,2026-03-04,2026-02-27,2026-03-05,30,0,0,overdue`);
  });

  it('revises the target and changes the owner, each an event', async () => {
    const email = (await api.get('/improvements?service=email').expect(200)).body.items[0];
    const revised = await api.post(`/improvements/${email.id}/revise-target`).send({ target: 25, dueDate: '2026-03-31', reason: 'Mail migration first' }).expect(200);
    expect(revised.body).toMatchObject({ target: 25, dueDate: '2026-03-31', revision: 1 });
    const moved = await api.post(`/improvements/${email.id}/change-owner`).set('If-Match', '"1"').send({ owner: 'mei' }).expect(200);
    expect(moved.body).toMatchObject({ owner: 'mei', revision: 2, events: [{ type: 'ImprovementOwnerChanged' }] });
    const res = await api.get(`/improvements/${email.id}`).expect(200);
    // 30 on 03-05, due 03-31: 3 of 29 days gone (10.34%), 0% of the way -> behind.
    expect(res.body.progress).toMatchObject({ percentToTarget: 0, timeElapsedPercent: 10.34, standing: 'behind' });
  });
});
