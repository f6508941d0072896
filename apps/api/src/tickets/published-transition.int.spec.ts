import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

const V2 = join(__dirname, '../../../../state-machines/versions/incident/2.json');
const incident = { title: 'VPN down for the Leeds office', caller: 'caller:bob', service: 'vpn', impact: 'high', urgency: 'medium' };

/** Incident v3 as a process owner drafts it: ESCALATE, recording IncidentEscalated, needs a reason. */
function withEscalate() {
  const d = JSON.parse(readFileSync(V2, 'utf8'));
  d.meta.fields.escalationReason = { description: 'Why it was escalated', type: { kind: 'text', maxLength: 500 }, example: 'VIP caller, board meeting at 15:00', setBy: ['ESCALATE'] };
  d.states.inProgress.on.ESCALATE = { target: 'inProgress', description: 'Escalate to the duty manager.', meta: { records: 'IncidentEscalated', requiredFields: ['escalationReason'] } };
  return d;
}

describe('A lifecycle version published while the API runs', () => {
  let t: TestApp;
  const http = () => as(t.app, 'raj');
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  async function inProgress(): Promise<string> {
    const id = (await http().post('/incidents').send(incident).expect(201)).body.id as string;
    await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', assignee: 'raj' }).expect(200);
    await http().post(`/incidents/${id}/start-work`).expect(200);
    return id;
  }

  it('makes its new transition an endpoint, documented with its schema, that writes the fact it names, and only for tickets on that version', async () => {
    const old = await inProgress();
    expect((await http().get(`/incidents/${old}`).expect(200)).body.lifecycle).toEqual({ id: 'incident', version: 2 });
    // Before: no version has ESCALATE, so there is no such endpoint and no such operation.
    expect((await http().post(`/incidents/${old}/escalate`).send({ escalationReason: 'x' }).expect(404)).body.code).toBe('TICKET.UNKNOWN_EVENT');
    expect((await http().get('/docs/openapi.json').expect(200)).body.paths['/incidents/{id}/escalate']).toBeUndefined();

    const published = await http().post('/lifecycles/incident/publish').send({ definition: withEscalate(), expectedVersion: 2, notes: 'duty manager escalation' }).expect(201);
    expect(published.body.version).toBe(3);

    // The document served now has the operation, with the new required field and its type.
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    const op = doc.paths['/incidents/{id}/escalate'].post;
    expect(op['x-records']).toEqual(['IncidentEscalated']);
    expect(op['x-lifecycle-versions']).toEqual([3]);
    const schema = op.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['escalationReason']);
    expect(schema.properties.escalationReason).toMatchObject({ type: 'string', maxLength: 500 });
    expect(op.requestBody.content['application/json'].example).toEqual({ escalationReason: 'VIP caller, board meeting at 15:00' });
    expect(op.responses[422].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });

    // A ticket opened now is on v3 and can escalate; the fact is the one the lifecycle names.
    const id = await inProgress();
    const view = (await http().get(`/incidents/${id}`).expect(200)).body;
    expect(view.lifecycle).toEqual({ id: 'incident', version: 3 });
    expect(view.allowedEvents).toContainEqual(expect.objectContaining({ event: 'ESCALATE', path: `/incidents/${id}/escalate`, requiredFields: ['escalationReason'] }));
    await http().post(`/incidents/${id}/escalate`).send({ escalationReason: 7 }).expect(400);
    expect((await http().post(`/incidents/${id}/escalate`).send({}).expect(422)).body).toMatchObject({ code: 'WORKFLOW.TRANSITION_NOT_ALLOWED', missingFields: ['escalationReason'] });
    const escalated = await http().post(`/incidents/${id}/escalate`).send({ escalationReason: 'VIP caller' }).expect(200);
    expect(escalated.body).toMatchObject({ status: 'inProgress', events: [{ type: 'IncidentEscalated' }] });
    const events = (await http().get(`/incidents/${id}/events`).expect(200)).body;
    expect(events[events.length - 1]).toMatchObject({
      type: 'IncidentEscalated',
      data: { from: 'inProgress', to: 'inProgress', via: 'ESCALATE', fields: { escalationReason: 'VIP caller' }, previous: { escalationReason: null } },
      envelope: { machine: { id: 'incident', version: 3 } },
    });

    // The ticket pinned to v2 does not get it, and nothing is written for it.
    const before = await t.store.headPosition();
    const refused = await http().post(`/incidents/${old}/escalate`).send({ escalationReason: 'VIP caller' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'WORKFLOW.TRANSITION_NOT_ALLOWED', state: 'inProgress', event: 'ESCALATE' });
    expect(await t.store.headPosition()).toBe(before);
  });
});
