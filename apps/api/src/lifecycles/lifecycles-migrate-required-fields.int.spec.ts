import { incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

describe('Lifecycles API: a migration that would leave tickets without required fields', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers 422 with the tickets and the fields they lack, in the dry run too, and writes nothing', async () => {
    const id = (await http().post('/incidents').send({ title: 'Printer jams', caller: 'caller:bo', impact: 'low', urgency: 'low' }).expect(201)).body.id as string;
    await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'service-desk' }).expect(200);
    await http().post('/lifecycles/incident/publish').send({ definition: incidentWithoutVendorPending(), expectedVersion: 1 }).expect(201);
    const head = await t.store.headPosition();

    for (const dryRun of [true, false]) {
      const res = await http().post('/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 2, mapping: { assigned: 'inProgress' }, dryRun }).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'LIFECYCLE.MIGRATION_NOT_ALLOWED',
        invalidTickets: [{ streamId: `incident-${id}`, fromState: 'assigned', toState: 'inProgress', missingFields: ['assignee'] }],
        findings: [{ path: '$.mapping.assigned', code: 'MISSING_REQUIRED_FIELDS' }],
      });
    }
    expect(await t.store.headPosition()).toBe(head);
    // Left in `assigned` (which requires no assignee), it migrates.
    const done = await http().post('/lifecycles/incident/migrations').send({ fromVersion: 1, toVersion: 2, mapping: {}, dryRun: false }).expect(200);
    expect(done.body.totals).toEqual({ tickets: 1, migrated: 1, failed: 0 });
  });
});
