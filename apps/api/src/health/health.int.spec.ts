import request from 'supertest';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it("reports each projection's lag in events and seconds, without credentials", async () => {
    const opened = await as(t.app, 'raj').post('/incidents').send({ title: 'Lag probe', caller: 'caller:bob', impact: 'low', urgency: 'low' }).expect(201);
    await as(t.app, 'raj').get(`/incidents?after=${opened.body.position}`).expect(200);
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    const projections = res.body.details.readModels.projections as { name: string; lagEvents: number }[];
    expect(res.body.details.readModels.status).toBe('up');
    expect(projections.map((p) => p.name)).toEqual(['tickets', 'csi']);
    expect(projections[0]).toMatchObject({ name: 'tickets', generation: 1, lagEvents: 0, lagSeconds: 0, parked: false, rebuilding: false });
  });
});
