import { CommandPipeline, SequentialIds } from '@itil/engine';
import { incidentProcess } from '@itil/incident';
import { incidentWriter } from '@itil/incident/testing/incident-writer';
import { createTicketDecider, streamOf } from '@itil/tickets';
import { LifecycleAdmin, MigrationNotAllowedError } from '@itil/lifecycles';
import { incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { fixtureIncidentId } from '@itil/incident/testing/incident-fixture';
import { ALL_ACTION_NAMES } from '../all-actions';
import { ALL_GUARDS } from '../all-guards';
import { fixtureIncidents } from '../test-support/fixture-incidents';

/**
 * 200 fixture incidents on v1 (every assigned one has an assignee), plus two incidents assigned
 * to a group only: `inProgress` requires an assignee, `assigned` does not.
 */
async function setup() {
  const { store, clock, ids, catalog } = await fixtureIncidents(200);
  const pipeline = new CommandPipeline(store, new SequentialIds('cmd'));
  const incidents = incidentWriter(pipeline, createTicketDecider(incidentProcess, catalog), () => ({ now: clock.now(), actor: 'agent:ana' }));
  const groupOnly = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'];
  for (const incidentId of groupOnly) {
    await incidents.open(incidentId, { title: 'Printer jams', caller: 'caller:bo', impact: 'low', urgency: 'low' });
    await incidents.move(incidentId, 'ASSIGN', { assignmentGroup: 'service-desk' });
  }
  const admin = new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
  await admin.publish('incident', { definition: incidentWithoutVendorPending(), expectedVersion: 1 }, { actor: 'owner:pat', source: 'api' });
  return { store, admin, groupOnly };
}
const who = { actor: 'owner:pat', source: 'api' as const };
const plan = (mapping: Record<string, string>, dryRun: boolean) => ({ fromVersion: 1, toVersion: 2, mapping, dryRun });

describe('Migrating tickets in flight: the target state must hold', () => {
  it.each([true, false])('refuses to move tickets into a state whose required fields they lack, listing them (dry run: %s), and writes nothing', async (dryRun) => {
    const { store, admin, groupOnly } = await setup();
    const head = await store.headPosition();
    const error = await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller', assigned: 'inProgress' }, dryRun), who).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationNotAllowedError);
    const refusal = error as MigrationNotAllowedError;
    expect(refusal.invalidTickets.map((t) => t.streamId).sort()).toEqual(groupOnly.map((id) => streamOf(incidentProcess, id)).sort());
    expect(refusal.invalidTickets[0]).toMatchObject({ fromState: 'assigned', toState: 'inProgress', missingFields: ['assignee'] });
    expect(refusal.findings).toEqual([expect.objectContaining({ path: '$.mapping.assigned', code: 'MISSING_REQUIRED_FIELDS' })]);
    expect(refusal.message).toMatch(/2 ticket\(s\) in 'assigned' would enter 'inProgress' of version 2 without assignee/);
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('migrates when every ticket qualifies for its target state (a pend reason recorded as `reason` is trusted)', async () => {
    const { store, admin } = await setup();
    const report = await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller' }, false), who);
    expect(report.totals).toEqual({ tickets: 102, migrated: 102, failed: 0 });
    await store.close();
  });
});

describe('What-if on tickets already migrated', () => {
  it('does not report a ticket migrated to v2 as differing from v2: the replay starts at its migration', async () => {
    const { store, admin } = await setup();
    await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller' }, false), who);
    const report = await admin.whatIf('incident', { version: 2 }, { filter: { versions: [2] }, detailLimit: 1000 });
    expect(report.totals).toMatchObject({ tickets: 102, rejected: 0, stranded: 0 });
    // Ticket 8 waited on a vendor under v1 (a move v2 lacks) and was migrated to awaitingCaller.
    expect(report.tickets.find((t) => t.ticketId === fixtureIncidentId(8))).toBeUndefined();
    // Its own v1 history still differs from v2: tickets left on v1 are judged by their whole history.
    const v1 = await admin.whatIf('incident', { version: 2 }, { filter: { versions: [1] } });
    expect(v1.totals.rejected).toBe(20);
    await store.close();
  });
});
