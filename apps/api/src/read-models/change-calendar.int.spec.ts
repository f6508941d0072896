import { ContractTicket, EventWriter, idOf } from '@itil/read-models/test-support/ticket-events';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

describe('GET /changes/calendar', () => {
  let t: TestApp;
  const http = () => as(t.app, 'olga', ['change-manager']);
  const ids: string[] = [];
  let position = '0';
  beforeAll(async () => {
    t = await createTestApp();
    // What the change process records once two changes are scheduled (written directly: the read side is under test here).
    const w = new EventWriter(t.store);
    for (const [name, start, end] of [['A', '2026-03-10T22:00:00Z', '2026-03-10T23:00:00Z'], ['B', '2026-03-11T22:00:00Z', '2026-03-11T23:00:00Z']]) {
      const c = new ContractTicket(w, 'change', 'Change', idOf(`http-calendar-${name}`), { id: 'change-standard', version: 1 });
      ids.push(c.id);
      await c.opened('ChangeRequested', '2026-03-01T09:00:00.000Z', 'new', { title: `Patch ${name}`, templateId: 'patch-linux', configurationItems: [], plannedStart: start, plannedEnd: end });
      position = (await c.moved('ChangeAuthorisedByTemplate', '2026-03-01T09:01:00.000Z', 'new', 'scheduled', 'AUTHORISE_BY_TEMPLATE')).toString();
    }
  });
  afterAll(() => t.close());

  it('lists the scheduled changes of the range, with the freeze windows they fall in, reading its writes', async () => {
    const march = await http().get(`/changes/calendar?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&after=${position}`).expect(200);
    expect(march.body).toMatchObject({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', freezes: [], collisions: [] });
    expect(march.body.changes.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(march.body.changes[0]).toMatchObject({ id: ids[0], state: 'scheduled', changeType: 'standard', plannedStart: '2026-03-10T22:00:00.000Z', plannedEnd: '2026-03-10T23:00:00.000Z', freezes: [], collidesWith: [] });
    const oneDay = await http().get('/changes/calendar?from=2026-03-11T00:00:00Z&to=2026-03-12T00:00:00Z').expect(200);
    expect(oneDay.body.changes.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    // The demo data's year-end freeze, from change enablement's catalog (standard changes cannot be scheduled into it).
    const december = await http().get('/changes/calendar?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z').expect(200);
    expect(december.body).toMatchObject({ changes: [], freezes: [{ id: 'year-end', start: '2026-12-24T00:00:00.000Z', services: null, source: 'freeze-calendar default v1' }] });
  });

  it('answers CSV, one row per change', async () => {
    const csv = await http().get('/changes/calendar?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z').set('Accept', 'text/csv').expect(200);
    const [header, ...rows] = csv.text.trim().split('\r\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['id', 'plannedStart', 'plannedEnd', 'configurationItems', 'freezes']));
    expect(rows).toHaveLength(2);
  });

  it('refuses a missing, malformed or reversed range and unknown parameters with problem+json', async () => {
    for (const [query, code] of [
      ['', 'HTTP.INVALID_REQUEST'],
      ['?from=2026-03-01T00:00:00Z', 'HTTP.INVALID_REQUEST'],
      ['?from=monday&to=2026-03-02T00:00:00Z', 'HTTP.INVALID_REQUEST'],
      ['?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&colour=red', 'HTTP.INVALID_REQUEST'],
      ['?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&after=x1', 'HTTP.INVALID_REQUEST'],
      ['?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'READ_MODELS.INVALID_QUERY'],
      ['?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z', 'READ_MODELS.INVALID_QUERY'],
    ]) {
      const res = await http().get(`/changes/calendar${query}`).expect(400);
      expect([query, res.headers['content-type']]).toEqual([query, expect.stringMatching(/application\/problem\+json/)]);
      expect([query, res.body.code]).toEqual([query, code]);
    }
  });

  it('is readable like the changes themselves: an auditor yes, a reporter no', async () => {
    await as(t.app, 'audrey', ['auditor']).get('/changes/calendar?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z').expect(200);
    await as(t.app, 'rita', ['reporter']).get('/changes/calendar?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z').expect(403);
  });
});
