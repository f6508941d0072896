import type request from 'supertest';
import { as, authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const laptop = { catalogItem: 'laptop', requestedFor: 'ana', requestedBy: 'ana', form: { model: '13-inch', memoryGb: 16, replaces: 'laptop-17' } };

describe('Service request API: the whole lifecycle over HTTP, on the ticket engine', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  it('raises against the catalog, asks for more information, approves by the item rule, fulfils task by task, closes complete', async () => {
    const opened = await http().post('/requests').set(authHeader('ana')).send(laptop).expect(201);
    const id = opened.body.id;
    const raised = (await http().get(`/requests/${id}`).expect(200)).body;
    expect(raised.fields).toMatchObject({ approvers: ['olga'], approvalRequired: true, tasks: ['order', 'image', 'deliver'], openTasks: 3, assignmentGroup: 'workplace', formVersion: 1, title: 'New laptop' });
    await http().post(`/requests/${id}/route`).send({}).expect(200);
    await http().post(`/requests/${id}/request-info`).set(authHeader('olga')).send({ question: 'Which cost centre pays?' }).expect(200);
    await http().post(`/requests/${id}/provide-info`).set(authHeader('ana')).send({ answer: 'CC-4410' }).expect(200);
    const refused = await http().post(`/requests/${id}/approve`).send({ approver: 'raj' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'TICKET.POLICY_NOT_ALLOWED', policy: 'approverRule' });
    await http().post(`/requests/${id}/approve`).set(authHeader('olga')).send({ approver: 'olga' }).expect(200);
    await http().post(`/requests/${id}/assign`).send({ assignmentGroup: 'workplace', assignee: 'raj' }).expect(200);
    for (const task of ['order', 'image']) await http().post(`/requests/${id}/complete-task`).send({ task }).expect(200);
    const early = await http().post(`/requests/${id}/fulfil`).send({ fulfilmentNotes: 'Delivered' }).expect(422);
    expect(early.body).toMatchObject({ code: 'WORKFLOW.TRANSITION_NOT_ALLOWED', failedGuards: ['allTasksDone'] });
    await http().post(`/requests/${id}/complete-task`).send({ task: 'deliver' }).expect(200);
    await http().post(`/requests/${id}/fulfil`).send({ fulfilmentNotes: 'Delivered to desk 4.12' }).expect(200);
    await http().post(`/requests/${id}/close`).send({}).expect(200);
    const types = (await http().get(`/requests/${id}/events`).expect(200)).body.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'ServiceRequestSubmitted',
      'ServiceRequestRouted',
      'ServiceRequestInformationRequested',
      'ServiceRequestInformationProvided',
      'ServiceRequestApproved',
      'ServiceRequestAssigned',
      'ServiceRequestTaskCompleted',
      'ServiceRequestTaskCompleted',
      'ServiceRequestTaskCompleted',
      'ServiceRequestFulfilled',
      'ServiceRequestClosed',
    ]);
    expect((await http().get(`/requests/${id}`)).body).toMatchObject({ status: 'closed', fields: { outcome: 'complete', openTasks: 0 } });
  });

  it('appears in the served OpenAPI document, with the form typed as an object', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    for (const path of ['/requests', '/requests/{id}/request-info', '/requests/{id}/provide-info', '/requests/{id}/complete-task', '/requests/{id}/close-incomplete', '/requests/{id}/close-skipped', '/catalog-items', '/groups/{id}/members']) {
      expect([path, doc.paths[path] !== undefined]).toEqual([path, true]);
    }
    expect(JSON.stringify(doc.paths['/requests'].post)).toContain('"form"');
  });

  it('goes straight to fulfilment for a pre-approved item, and closes skipped or incomplete', async () => {
    const a = (await http().post('/requests').send({ catalogItem: 'shared-mailbox', requestedFor: 'mei', form: { address: 'team@example.com' } }).expect(201)).body.id;
    expect((await http().post(`/requests/${a}/route`).send({}).expect(200)).body.status).toBe('inFulfilment');
    await http().post(`/requests/${a}/close-skipped`).send({ reason: 'The mailbox already existed' }).expect(200);
    expect((await http().get(`/requests/${a}`)).body).toMatchObject({ status: 'closedSkipped', fields: { outcome: 'skipped' } });
    const b = (await http().post('/requests').send(laptop).expect(201)).body.id;
    await http().post(`/requests/${b}/route`).send({}).expect(200);
    await http().post(`/requests/${b}/request-info`).send({ question: 'Which model exactly?' }).expect(200);
    await http().post(`/requests/${b}/close-incomplete`).send({ reason: 'No answer in 10 days' }).expect(200);
    expect((await http().get(`/requests/${b}`)).body).toMatchObject({ status: 'closedIncomplete', fields: { outcome: 'incomplete' } });
  });

  describe('bad input answers 4xx problem+json and writes nothing', () => {
    let fulfilling: string;
    beforeAll(async () => {
      fulfilling = (await http().post('/requests').send({ catalogItem: 'shared-mailbox', requestedFor: 'mei', form: { address: 'ops@example.com' } }).expect(201)).body.id;
      await http().post(`/requests/${fulfilling}/route`).send({}).expect(200);
    });
    const cases: [string, () => request.Test, number, string, RegExp][] = [
      ['an unknown catalog item', () => http().post('/requests').send({ ...laptop, catalogItem: 'jetpack' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /\$\.catalogItem:? no catalog-item 'jetpack' exists/],
      ['form values of the wrong type', () => http().post('/requests').send({ ...laptop, form: { model: 'tablet', memoryGb: 'lots' } }), 422, 'TICKET.POLICY_NOT_ALLOWED', /\$\.form\.memoryGb.*\$\.form\.model|\$\.form\.model.*\$\.form\.memoryGb/],
      ['a form field the item does not have', () => http().post('/requests').send({ ...laptop, form: { model: '13-inch', colour: 'red' } }), 422, 'TICKET.POLICY_NOT_ALLOWED', /\$\.form\.colour: is not a field of this catalog item/],
      ['an unknown CI in the form', () => http().post('/requests').send({ ...laptop, form: { model: '13-inch', replaces: 'laptop-99' } }), 422, 'TICKET.POLICY_NOT_ALLOWED', /no ci 'laptop-99' exists/],
      ['a form that is not an object', () => http().post('/requests').send({ ...laptop, form: '13-inch' }), 400, 'TICKET.INVALID_INPUT', /\$\.form:? must be an object/],
      ['a task the request does not have', () => http().post(`/requests/${fulfilling}/complete-task`).send({ task: 'paint' }), 422, 'TICKET.POLICY_NOT_ALLOWED', /not a task of this request/],
      ['an assignee outside the group', () => http().post(`/requests/${fulfilling}/assign`).send({ assignmentGroup: 'email', assignee: 'raj' }), 422, 'TICKET.INPUT_NOT_ALLOWED', /'raj' is not a member of group 'email'/],
    ];
    it.each(cases)('refuses %s', async (_name, send, status, code, detail) => {
      const before = await t.store.headPosition();
      const res = await send().expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code });
      expect(res.body.detail).toMatch(detail);
      expect(await t.store.headPosition()).toBe(before);
    });

    it('refuses a request for an item of a retired service, writing nothing', async () => {
      await http().post('/services').send({ id: 'telex', name: 'Telex', owner: 'olga', supportGroup: 'network', slaPolicy: 'bronze', stage: 'live' }).expect(201);
      await http().post('/catalog-items').send({ id: 'telex-line', name: 'Telex line', service: 'telex' }).expect(201);
      await http().post('/services/telex/stage').send({ stage: 'retired' }).expect(200);
      const before = await t.store.headPosition();
      const res = await http().post('/requests').send({ catalogItem: 'telex-line', requestedFor: 'ana' }).expect(422);
      expect(res.body.detail).toMatch(/which is retired: only live services take requests/);
      expect(await t.store.headPosition()).toBe(before);
    });
  });
});
