import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { READ_MODELS_SETTINGS, type ReadModelsSettings } from './read-models.settings';
import { as, authHeader, createTestApp, type TestApp } from '../test-support/test-app';

describe('read models over HTTP (projections running in the API process)', () => {
  let t: TestApp;
  let api: ReturnType<typeof as>;
  beforeEach(async () => {
    t = await createTestApp();
    api = as(t.app, 'raj');
  });
  afterEach(() => t.close());

  const log = async (title: string, extra: Record<string, unknown> = {}) => {
    const res = await api.post('/incidents').send({ title, caller: 'caller:bob', impact: 'high', urgency: 'medium', ...extra }).expect(201);
    return res.body as { id: string; position: string };
  };

  it('an agent finds their queue, opens the next ticket and sees its comments, reading their own writes', async () => {
    const first = await log('VPN down for the Leeds office', { service: 'vpn', description: 'Tunnel drops' });
    await api.post(`/incidents/${first.id}/assign`).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    const low = await log('Printer jam', { impact: 'low', urgency: 'low' });
    await api.post(`/incidents/${low.id}/assign`).send({ assignmentGroup: 'network' }).expect(200);
    const commented = await api.post(`/incidents/${first.id}/comments`).send({ text: 'ISP replaced the edge router' }).expect(200);
    const after = commented.body.position as string;
    expect(after).toMatch(/^\d+$/);

    const queue = await api.get(`/queues/network?after=${after}`).expect(200);
    expect(queue.body.items.map((i: { title: string }) => i.title)).toEqual(['VPN down for the Leeds office', 'Printer jam']);
    expect(queue.body.items[0]).toMatchObject({ id: first.id, process: 'incident', state: 'assigned', stateCategory: 'active', priority: 2, assignee: 'raj', commentCount: 1 });

    const comments = await api.get(`/incidents/${first.id}/comments?after=${after}`).expect(200);
    expect(comments.body).toEqual([expect.objectContaining({ text: 'ISP replaced the edge router', author: 'user:raj', visibility: 'internal' })]);

    const list = await api.get(`/incidents?after=${after}&priority=2`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const found = await api.get(`/search?q=edge%20router&after=${after}`).expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const tickets = await api.get(`/tickets?process=incident&limit=1&after=${after}`).expect(200);
    expect(tickets.body.items).toHaveLength(1);
    const next = await api.get(`/tickets?process=incident&limit=1&cursor=${encodeURIComponent(tickets.body.nextCursor)}`).expect(200);
    expect([tickets.body.items[0].id, next.body.items[0].id].sort()).toEqual([first.id, low.id].sort());
  });

  it('answers CSV for Accept: text/csv, reports with their definitions', async () => {
    const inc = await log('Mail slow, "again", for everyone');
    await api.get(`/incidents?after=${inc.position}`).expect(200);
    const csv = await api.get('/incidents').set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text.trim().split('\r\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['id', 'title', 'state', 'priority']));
    expect(row).toContain('"Mail slow, ""again"", for everyone"');
    const report = await api.get(`/reports/csi/backlog-aging?asOf=2026-03-02T12:00:00Z&after=${inc.position}`).expect(200);
    expect(report.body).toMatchObject({ metric: 'backlog-aging', rows: [{ bucket: '0-1', count: 1 }] });
    expect(report.body.definition).toContain('Backlog aging');
    const reportCsv = await api.get('/reports/csi/mtta?period=week').set('Accept', 'text/csv').expect(200);
    expect(reportCsv.headers['x-metric-definition']).toContain('MTTA');
  });

  it('refuses bad filters with problem+json and a stable code', async () => {
    const bad = async (path: string, code: string) => {
      const res = await api.get(path).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe(code);
    };
    await bad('/incidents?priority=9', 'HTTP.INVALID_REQUEST');
    await bad('/incidents?colour=red', 'HTTP.INVALID_REQUEST');
    await bad('/incidents?after=12abc', 'HTTP.INVALID_REQUEST');
    await bad('/incidents?createdFrom=yesterday', 'HTTP.INVALID_REQUEST');
    await bad('/incidents?cursor=bm9wZQ', 'READ_MODELS.INVALID_QUERY');
    await bad('/search?q=%20!!', 'READ_MODELS.INVALID_QUERY');
    await bad('/reports/csi/happiness', 'HTTP.INVALID_REQUEST');
    await bad('/reports/csi/mtta?period=year', 'HTTP.INVALID_REQUEST');
  });

  it('lets a reporter read the read models, and nobody without credentials', async () => {
    await as(t.app, 'rita', ['reporter']).get('/queues/network').expect(200);
    await as(t.app, 'rita', ['reporter']).get('/reports/csi/mttr').expect(200);
    const anonymous = await request(t.app.getHttpServer()).get('/incidents').expect(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('answers 503 when the read model has not reached ?after= within the bounded wait', async () => {
    const res = await api.get('/incidents?after=99999999').expect(503);
    expect(res.body).toMatchObject({ code: 'READ_MODELS.NOT_CAUGHT_UP' });
  });

  it('streams a queue over Server-Sent Events: now, then again when an item arrives', async () => {
    // createTestApp bounds streams (so route-walking specs finish); this one stays open.
    t.app.get<ReadModelsSettings>(READ_MODELS_SETTINGS).streamMaxMs = 0;
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const events: { items: { title: string }[] }[] = [];
    let notify: () => void = () => undefined;
    const req = http.get({ host: '127.0.0.1', port, path: '/queues/network/stream', headers: { Accept: 'text/event-stream', ...authHeader('raj') } }, (res) => {
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
          notify();
        }
      });
    });
    const next = (n: number) => new Promise<void>((resolve) => { notify = () => events.length >= n && resolve(); notify(); });
    try {
      await next(1);
      expect(events[0].items).toEqual([]);
      const inc = await log('Switch down');
      await api.post(`/incidents/${inc.id}/assign`).send({ assignmentGroup: 'network' }).expect(200);
      await next(2);
      expect(events[events.length - 1].items.map((i) => i.title)).toEqual(['Switch down']);
    } finally {
      req.destroy();
    }
  });
});
