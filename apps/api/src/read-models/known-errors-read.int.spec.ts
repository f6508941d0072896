import { ContractTicket, EventWriter, idOf } from '@itil/read-models/test-support/ticket-events';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

describe('GET /known-errors (the known error database read model)', () => {
  let t: TestApp;
  const http = () => as(t.app, 'raj');
  let after = '0';
  beforeAll(async () => {
    t = await createTestApp();
    // What the problem process records when it publishes two known errors (written directly: the read side is under test).
    const w = new EventWriter(t.store);
    for (const [name, day] of [['relay', 3], ['router', 4]] as const) {
      const p = new ContractTicket(w, 'problem', 'Problem', idOf(`http-ke-${name}`), { id: 'problem', version: 1 });
      const at = `2026-03-0${day}T09:00:00.000Z`;
      await p.opened('ProblemLogged', '2026-03-02T09:00:00.000Z', 'new', { title: `The ${name} fails`, description: 'Seen by many users', service: 'email' });
      after = (await p.moved('ProblemWorkaroundRecorded', at, 'new', 'knownError', 'RECORD_WORKAROUND', { workaround: `Restart the ${name}`, knownErrorPublishedAt: at })).toString();
    }
  });
  afterAll(() => t.close());

  it('pages newest first with a cursor, and searches every word', async () => {
    const first = await http().get(`/known-errors?limit=1&after=${after}`).expect(200);
    expect(first.body.items.map((k: { title: string }) => k.title)).toEqual(['The router fails']);
    const second = await http().get(`/known-errors?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
    expect(second.body).toMatchObject({ items: [{ title: 'The relay fails', workaround: 'Restart the relay', symptom: 'Seen by many users', status: 'knownError', publishedAt: '2026-03-03T09:00:00.000Z' }], nextCursor: null });
    const found = await http().get('/known-errors?q=restart%20RELAY&service=email').expect(200);
    expect(found.body.items.map((k: { href: string }) => k.href)).toEqual([`/problems/${idOf('http-ke-relay')}`]);
    const csv = await http().get('/known-errors?q=restart').set('Accept', 'text/csv').expect(200);
    expect(csv.text.trim().split('\r\n')).toHaveLength(3);
  });

  it('refuses bad input with problem+json', async () => {
    for (const [query, code] of [
      ['?limit=0', 'HTTP.INVALID_REQUEST'],
      ['?limit=many', 'HTTP.INVALID_REQUEST'],
      ['?owner=pat', 'HTTP.INVALID_REQUEST'],
      ['?q=a&q=b', 'HTTP.INVALID_REQUEST'],
      ['?after=-1', 'HTTP.INVALID_REQUEST'],
      ['?cursor=bm9wZQ', 'READ_MODELS.INVALID_QUERY'],
      ['?q=%20%3F!', 'READ_MODELS.INVALID_QUERY'],
    ]) {
      const res = await http().get(`/known-errors${query}`).expect(400);
      expect([query, res.headers['content-type'], res.body.code]).toEqual([query, expect.stringMatching(/application\/problem\+json/), code]);
    }
  });

  it('is readable like problems: an auditor yes, a reporter no', async () => {
    await as(t.app, 'audrey', ['auditor']).get('/known-errors').expect(200);
    await as(t.app, 'rita', ['reporter']).get('/known-errors').expect(403);
  });
});
