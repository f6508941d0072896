import { as, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down', caller: 'caller:bob', service: 'vpn', impact: 'high', urgency: 'medium' };

/** Every command of the generated API, each bad in every way that applies: a 4xx problem with the JSON path, nothing written. */
describe('Generated ticket API: bad input to every command answers 4xx and writes nothing', () => {
  let t: TestApp;
  let id: string;
  let revision: number;
  const http = () => as(t.app, 'raj');
  beforeAll(async () => {
    t = await createTestApp({ laterVersions: true });
    id = (await http().post('/incidents').send(incident).expect(201)).body.id;
    await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    revision = (await http().post(`/incidents/${id}/links`).send({ kind: 'affects', target: { type: 'service', id: 'vpn' } }).expect(200)).body.revision;
  });
  afterAll(() => t.close());

  type Case = [string, () => ReturnType<ReturnType<typeof as>['get']>, number, string, string];
  const cases: Case[] = [
    ['open: a wrong type', () => http().post('/incidents').send({ ...incident, urgency: 2 }), 400, 'TICKET.INVALID_INPUT', '$.urgency'],
    ['open: an unknown field', () => http().post('/incidents').send({ ...incident, severity: 1 }), 400, 'TICKET.INVALID_INPUT', '$.severity'],
    ['open: an unknown reference', () => http().post('/incidents').send({ ...incident, service: 'teleport' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.service'],
    ['open: a field not settable when logging', () => http().post('/incidents').send({ ...incident, assignee: 'raj' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.assignee'],
    ['open: required text that is blank', () => http().post('/incidents').send({ ...incident, title: '  \t ' }), 400, 'TICKET.INVALID_INPUT', '$.title'],
    ['open: text with a control character', () => http().post('/incidents').send({ ...incident, description: 'bell\u0007' }), 400, 'TICKET.INVALID_INPUT', '$.description'],
    ['move: a wrong type', () => http().post(`/incidents/${id}/assign`).send({ assignmentGroup: ['network'] }), 400, 'TICKET.INVALID_INPUT', '$.assignmentGroup'],
    ['move: an unknown field', () => http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', queue: 'x' }), 400, 'TICKET.INVALID_INPUT', '$.queue'],
    ['move: an unknown group', () => http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'plumbers' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.assignmentGroup'],
    ['move: a field the event may not set', () => http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', title: 'new title' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.title'],
    ['move: an assignee outside the group', () => http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'email', assignee: 'raj' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.assignee'],
    ['move: an event no version has', () => http().post(`/incidents/${id}/teleport`).send({}), 404, 'TICKET.UNKNOWN_EVENT', ''],
    ['update: no If-Match', () => http().patch(`/incidents/${id}`).send({ urgency: 'low' }), 428, 'HTTP.PRECONDITION_REQUIRED', ''],
    ['update: a wrong type', () => http().patch(`/incidents/${id}`).set('If-Match', `"${revision}"`).send({ escalationLevel: 'high' }), 400, 'TICKET.INVALID_INPUT', '$.escalationLevel'],
    ['update: an unknown field', () => http().patch(`/incidents/${id}`).set('If-Match', `"${revision}"`).send({ colour: 'red' }), 400, 'TICKET.INVALID_INPUT', '$.colour'],
    ['update: an unknown reference', () => http().patch(`/incidents/${id}`).set('If-Match', `"${revision}"`).send({ configurationItem: 'toaster-9' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.configurationItem'],
    ['update: a field not settable now', () => http().patch(`/incidents/${id}`).set('If-Match', `"${revision}"`).send({ satisfactionRating: 5 }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.satisfactionRating'],
    ['update: a field no update sets', () => http().patch(`/incidents/${id}`).set('If-Match', `"${revision}"`).send({ assignee: 'ana' }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.assignee'],
    ['update: a stale If-Match', () => http().patch(`/incidents/${id}`).set('If-Match', '"0"').send({ urgency: 'low' }), 409, 'ENGINE.REVISION_CONFLICT', ''],
    ['comment: a wrong type', () => http().post(`/incidents/${id}/comments`).send({ text: 42 }), 400, 'TICKET.INVALID_INPUT', '$.text'],
    ['comment: an unknown field', () => http().post(`/incidents/${id}/comments`).send({ text: 'x', author: 'me' }), 400, 'TICKET.INVALID_INPUT', '$.author'],
    ['work log: a wrong type', () => http().post(`/incidents/${id}/work-log`).send({ minutes: '45' }), 400, 'TICKET.INVALID_INPUT', '$.minutes'],
    ['work log: an unknown field', () => http().post(`/incidents/${id}/work-log`).send({ minutes: 45, billable: true }), 400, 'TICKET.INVALID_INPUT', '$.billable'],
    ['link: a wrong type', () => http().post(`/incidents/${id}/links`).send({ kind: 'caused-by', target: 'ci:router' }), 400, 'TICKET.INVALID_INPUT', '$.target'],
    ['link: an unknown field', () => http().post(`/incidents/${id}/links`).send({ kind: 'caused-by', target: { type: 'ci', id: 'edge-router-leeds', rack: 4 } }), 400, 'TICKET.INVALID_INPUT', '$.target.rack'],
    ['link: an unknown reference', () => http().post(`/incidents/${id}/links`).send({ kind: 'caused-by', target: { type: 'ci', id: 'toaster-9' } }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.target.id'],
    ['link: an unknown ticket', () => http().post(`/incidents/${id}/links`).send({ kind: 'parent-of', target: { type: 'ticket', id: '0b0d3c5e-1111-4222-8333-944455556666' } }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$.target.id'],
    ['link: the same link again', () => http().post(`/incidents/${id}/links`).send({ kind: 'affects', target: { type: 'service', id: 'vpn' } }), 422, 'TICKET.INPUT_NOT_ALLOWED', '$'],
    ['unlink: a link it does not have', () => http().delete(`/incidents/${id}/links/link-9`), 404, 'TICKET.UNKNOWN_LINK', ''],
  ];

  it.each(cases)('refuses %s', async (_name, send, status, code, path) => {
    const before = await t.store.headPosition();
    const res = await send().expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.store.headPosition()).toBe(before);
  });
});
