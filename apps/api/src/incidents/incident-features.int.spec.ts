import request from 'supertest';
import { unwrap } from '@itil/engine';
import { incidentProcess, type IncidentEvent } from '@itil/incident';
import { appendSchema1Events } from '@itil/incident/testing/schema1-events';
import { streamOf } from '@itil/tickets';
import { as, authHeader, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down for the Leeds office', caller: 'caller:bob', service: 'vpn', impact: 'high', urgency: 'medium' };

describe('Incident API on the ticket engine: what ITIL asks of an incident', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  async function resolvedBy(id: string, group = 'network', assignee = 'raj') {
    await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: group, assignee }).expect(200);
    await http().post(`/incidents/${id}/start-work`).expect(200);
    return http().post(`/incidents/${id}/resolve`).send({ resolutionCode: 'fix', resolutionNotes: 'Tunnel MTU fixed' }).expect(200);
  }

  it('recomputes the priority when urgency is updated (PATCH with If-Match), recording old and new', async () => {
    const opened = (await http().post('/incidents').send(incident).expect(201)).body;
    expect((await http().get(`/incidents/${opened.id}`).expect(200)).body.fields).toMatchObject({ priority: 2, priorityMatrix: 'itil-3x3@1' });
    const updated = await http().patch(`/incidents/${opened.id}`).set('If-Match', '"0"').send({ urgency: 'high' }).expect(200);
    expect(updated.headers.etag).toBe('"1"');
    const events = (await http().get(`/incidents/${opened.id}/events`).expect(200)).body;
    expect(events[1]).toMatchObject({ type: 'IncidentFieldsUpdated', data: { fields: { urgency: 'high', priority: 1 }, previous: { urgency: 'medium', priority: 2 } } });
  });

  it('offers to resolve the open children when the parent is resolved, in the response and on GET', async () => {
    const parent = (await http().post('/incidents').send({ ...incident, majorIncident: true }).expect(201)).body.id;
    const child = (await http().post('/incidents').send({ ...incident, title: 'VPN down (Leeds, 2nd floor)', parentIncident: parent }).expect(201)).body.id;
    await http().post(`/incidents/${parent}/links`).send({ kind: 'parent-of', target: { type: 'ticket', id: child } }).expect(200);
    const resolved = await resolvedBy(parent);
    const offer = { action: 'resolve-child', ticket: { process: 'incident', id: child }, event: 'RESOLVE', reason: 'the parent incident is resolved' };
    expect(resolved.body.offers).toEqual([offer]);
    const view = (await http().get(`/incidents/${parent}`).expect(200)).body;
    expect(view).toMatchObject({ offers: [offer], fields: { majorIncident: true, majorIncidentProcedure: 'declared' }, links: [{ kind: 'parent-of', target: { type: 'ticket', id: child, process: 'incident' } }] });
    await resolvedBy(child);
    expect((await http().get(`/incidents/${parent}`).expect(200)).body.offers).toEqual([]);
  });

  it('takes work logged, a public comment and, after resolution, the caller rating', async () => {
    const id = (await http().post('/incidents').send(incident).expect(201)).body.id;
    await request(t.app.getHttpServer()).post(`/incidents/${id}/work-log`).set(authHeader('raj')).send({ minutes: 45, note: 'Traced the tunnel' }).expect(200);
    await http().post(`/incidents/${id}/comments`).send({ text: 'We are on it', visibility: 'public' }).expect(200);
    const resolved = await resolvedBy(id);
    await request(t.app.getHttpServer()).patch(`/incidents/${id}`).set(authHeader('caller:bob')).set('If-Match', `"${resolved.body.revision}"`).send({ satisfactionRating: 5, satisfactionComment: 'Fast' }).expect(200);
    const view = (await http().get(`/incidents/${id}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'resolved', workLoggedMinutes: 45, comments: 1, fields: { satisfactionRating: 5 } });
    const events = (await http().get(`/incidents/${id}/events`).expect(200)).body;
    expect(events[1]).toMatchObject({ type: 'IncidentWorkLogged', data: { minutes: 45, workedBy: 'user:raj', entryId: 'work-1' } });
  });

  it('lists the events allowed now with the fields each requires and the endpoint to call', async () => {
    const id = (await http().post('/incidents').send(incident).expect(201)).body.id;
    const view = (await http().get(`/incidents/${id}`).expect(200)).body;
    expect(view.allowedEvents).toEqual([
      { event: 'ASSIGN', method: 'POST', path: `/incidents/${id}/assign`, requiredFields: ['assignmentGroup'], settableFields: ['assignee', 'assignmentGroup'] },
      { event: 'CANCEL', method: 'POST', path: `/incidents/${id}/cancel`, requiredFields: [], settableFields: ['reason'] },
      { event: 'RESOLVE', method: 'POST', path: `/incidents/${id}/resolve`, requiredFields: ['resolutionCode', 'resolutionNotes'], settableFields: ['resolutionCode', 'resolutionNotes'] },
    ]);
  });
});

describe('Incident API: incidents written by the hand-written decider (schema 1) before the engine', () => {
  it('reads them in today`s shapes and keeps deciding on them, writing schema 2', async () => {
    const t = await createTestApp({ laterVersions: true });
    const id = '9d9c1f7e-3a2b-4c5d-8e9f-0a1b2c3d4e5f';
    // What the retired decider wrote on version 1 of the lifecycle (version 2 is live in this app),
    // in its documented schema-1 shapes, straight into the same store.
    const logged: IncidentEvent = {
      type: 'IncidentLogged',
      data: { incidentId: id, title: 'Old VPN fault', description: '', caller: 'caller:bob', service: null, configurationItem: null, category: null, impact: 'low', urgency: 'high', priority: 3, priorityMatrix: 'itil-3x3@1', lifecycle: { id: 'incident', version: 1 }, state: 'new', loggedAt: '2026-03-01T08:00:00.000Z' },
    };
    await appendSchema1Events(t.store, streamOf(incidentProcess, id), [
      logged,
      { type: 'IncidentAssigned', data: { from: 'new', to: 'assigned', via: 'ASSIGN', assignmentGroup: 'network', assignee: 'raj', previousGroup: null } },
      { type: 'IncidentCommented', data: { text: 'Written before the engine', visibility: 'internal' } },
    ], { actor: 'agent:old', occurredAt: new Date('2026-03-01T08:00:00Z'), lifecycle: { id: 'incident', version: 1 } });

    const http = () => as(t.app, 'tester');
    const view = (await http().get(`/incidents/${id}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'assigned', lifecycle: { id: 'incident', version: 1 }, revision: 2, comments: 1, fields: { title: 'Old VPN fault', priority: 3, assignmentGroup: 'network', assignee: 'raj' } });
    const events = (await http().get(`/incidents/${id}/events`).expect(200)).body;
    expect(events[1]).toMatchObject({ type: 'IncidentAssigned', data: { ticketId: id, from: 'new', to: 'assigned', via: 'ASSIGN', fields: { assignmentGroup: 'network', assignee: 'raj' } } });
    expect(events[2]).toMatchObject({ type: 'IncidentCommented', data: { commentId: 'comment-1', text: 'Written before the engine' } });

    await http().post(`/incidents/${id}/start-work`).expect(200);
    const stored = (await t.store.readStream(streamOf(incidentProcess, id))).map((e) => unwrap(e));
    expect(stored.map((e) => [e.type, e.envelope.schemaVersion])).toEqual([['IncidentLogged', 1], ['IncidentAssigned', 1], ['IncidentCommented', 1], ['IncidentWorkStarted', 2]]);
    await t.close();
  });
});
