import { ReadModelsModule } from './read-models.module';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

/**
 * The API's default: projections in a worker thread with its own store connection. What a user
 * sees is the same as on the main thread (reading their own writes through `?after=`), and the
 * thread comes back when it dies, catching up from its checkpoint without losing an event.
 */
describe('read models projected in a worker thread of the API', () => {
  let t: TestApp;
  let api: ReturnType<typeof as>;
  beforeEach(async () => {
    t = await createTestApp({ projectionsThread: 'worker' });
    api = as(t.app, 'raj');
  });
  afterEach(() => t.close());

  const log = async (title: string) => {
    const res = await api.post('/incidents').send({ title, caller: 'caller:bob', impact: 'high', urgency: 'medium' }).expect(201);
    return res.body as { id: string; position: string };
  };

  it('projects in another thread, and a query waiting on ?after= sees the write', async () => {
    const thread = t.app.get(ReadModelsModule).projectionsThread;
    expect(thread?.threadId).toEqual(expect.any(Number));
    const first = await log('VPN down for the Leeds office');
    const list = await api.get(`/incidents?after=${first.position}`).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
    const status = await api.get('/projections').expect(200);
    expect(JSON.stringify(status.body)).toContain('projections-thread');
  });

  it('starts the thread again when it dies; what was written meanwhile is projected once', async () => {
    const thread = t.app.get(ReadModelsModule).projectionsThread!;
    const before = await log('Before the crash');
    await api.get(`/incidents?after=${before.position}`).expect(200);
    const firstId = thread.threadId;
    await thread.kill();
    const during = await log('While the thread was down');
    const after = await log('After');
    // The wait is bounded at 1 s in tests; the restart takes about that, so ask until it answers.
    let list;
    for (;;) {
      list = await api.get(`/incidents?after=${after.position}`);
      if (list.status === 200) break;
      expect(list.status).toBe(503);
    }
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([before.id, during.id, after.id].sort());
    expect(thread.threadId).toEqual(expect.any(Number));
    expect(thread.threadId).not.toBe(firstId);
  });
});
