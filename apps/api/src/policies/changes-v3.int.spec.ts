import { as, createTestApp, type TestApp } from '../test-support/test-app';

/** Change lifecycles version 3 over HTTP: published on start, one endpoint per new event, bad input 4xx with nothing written. */
describe('Change API on lifecycle version 3', () => {
  let t: TestApp;
  const http = () => as(t.app, 'olga');
  beforeAll(async () => {
    t = await createTestApp({ laterVersions: true });
  });
  afterAll(() => t.close());
  const events = async (id: string) => (await http().get(`/changes/${id}/events`).expect(200)).body.length as number;

  it('opens new changes on version 3 of their lifecycle', async () => {
    for (const lifecycle of ['change-normal', 'change-emergency']) {
      const created = await http().post(`/changes?lifecycle=${lifecycle}`).send({ title: 'Upgrade the relay' }).expect(201);
      expect((await http().get(`/changes/${created.body.id}`).expect(200)).body.lifecycle).toEqual({ id: lifecycle, version: 3 });
    }
  });

  it('serves an endpoint per new event, typed from the dictionary', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    for (const event of ['add-task', 'complete-task', 'request-rework', 'complete-with-issues', 'backout-failed']) {
      expect([event, doc.paths[`/changes/{id}/${event}`]?.post !== undefined]).toEqual([event, true]);
    }
    const addTask = JSON.stringify(doc.paths['/changes/{id}/add-task']);
    expect(addTask).toContain('"title"');
    expect(addTask).toContain('"assignee"');
  });

  it('adds a change task; refuses a task of the wrong type (400) and completing one before the change is scheduled (422), writing nothing', async () => {
    const id = (await http().post('/changes').send({ title: 'Upgrade the relay', changeOwner: 'olga' }).expect(201)).body.id;
    await http().post(`/changes/${id}/add-task`).send({ title: 'Notify the mail users', assignee: 'raj' }).expect(200);
    expect((await http().get(`/changes/${id}`).expect(200)).body.fields.tasks).toEqual([expect.objectContaining({ id: 't1', title: 'Notify the mail users', assignee: 'raj', status: 'open', addedBy: 'user:olga' })]);
    const before = await events(id);
    const wrong = await http().post(`/changes/${id}/add-task`).send({ title: 5 }).expect(400);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: '$.title' })]);
    await http().post(`/changes/${id}/complete-task`).send({ taskId: 't1' }).expect(422);
    expect(await events(id)).toBe(before);
  });
});
