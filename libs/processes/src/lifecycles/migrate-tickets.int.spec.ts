import { CommandPipeline, SequentialIds, unwrap, verifyHash } from '@itil/engine';
import { incidentProcess } from '@itil/incident';
import { incidentWriter } from '@itil/incident/testing/incident-writer';
import { createTicketDecider, streamOf } from '@itil/tickets';
import { LifecycleAdmin, InvalidMigrationMappingError, MigrationNotAllowedError, formatMigration } from '@itil/lifecycles';
import { incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { fixtureIncidentId } from '@itil/incident/testing/incident-fixture';
import { ALL_ACTION_NAMES } from '../all-actions';
import { ALL_GUARDS } from '../all-guards';
import { fixtureIncidents } from '../test-support/fixture-incidents';

/** 200 fixture incidents on v1: 100 in flight (10 awaiting a vendor), 100 closed or cancelled. */
async function setup() {
  const { store, clock, ids, catalog } = await fixtureIncidents(200);
  const admin = new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
  await admin.publish('incident', { definition: incidentWithoutVendorPending(), expectedVersion: 1 }, { actor: 'owner:pat', source: 'api' });
  return { store, clock, catalog, admin };
}
const who = { actor: 'owner:pat', source: 'api' as const };
const streamOfIncident = (id: string) => streamOf(incidentProcess, id);
const plan = (mapping: Record<string, string>, dryRun: boolean) => ({ fromVersion: 1, toVersion: 2, mapping, dryRun });

describe('Migrating tickets in flight from one lifecycle version to another', () => {
  it('refuses a mapping that would leave tickets in a state the target lacks, writing nothing', async () => {
    const { store, admin } = await setup();
    const head = await store.headPosition();
    const error = await admin.migrate('incident', plan({}, false), who).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationNotAllowedError);
    expect(error).toMatchObject({ code: 'LIFECYCLE.MIGRATION_NOT_ALLOWED', strandedTickets: 10, findings: [{ path: '$.mapping.awaitingVendor', code: 'STRANDED_TICKETS' }] });
    expect((error as Error).message).toMatch(/10 ticket\(s\) are in 'awaitingVendor', which version 2 lacks/);
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('refuses a mapping that names states the versions do not have', async () => {
    const { admin } = await setup();
    const error = await admin.migrate('incident', plan({ awaitingVendr: 'awaitingCaller', awaitingVendor: 'limbo' }, true), who).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMigrationMappingError);
    expect((error as InvalidMigrationMappingError).findings.map((f) => f.path)).toEqual(['$.mapping.awaitingVendr', '$.mapping.awaitingVendor']);
  });

  it('lists every ticket in flight and its target state in a dry run, and writes nothing', async () => {
    const { store, admin } = await setup();
    const head = await store.headPosition();
    const report = await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller' }, true), who);
    expect(report.totals).toEqual({ tickets: 100, migrated: 0, failed: 0 });
    expect(report.tickets).toHaveLength(100);
    expect(report.tickets).toContainEqual({ ticketId: fixtureIncidentId(8), streamId: streamOfIncident(fixtureIncidentId(8)), revision: 3, fromState: 'awaitingVendor', toState: 'awaitingCaller' });
    expect(report.tickets).toContainEqual(expect.objectContaining({ ticketId: fixtureIncidentId(0), fromState: 'new', toState: 'new' }));
    expect(new Map(report.byState.map((s) => [`${s.fromState}->${s.toState}`, s.count]))).toEqual(
      new Map([['inProgress->inProgress', 30], ['assigned->assigned', 20], ['awaitingCaller->awaitingCaller', 20], ['new->new', 10], ['awaitingVendor->awaitingCaller', 10], ['resolved->resolved', 10]]),
    );
    expect(formatMigration(report, { maxTickets: 1 })).toMatch(/^Dry run: would migrate 100 incident ticket\(s\) from version 1 to 2/);
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('writes exactly one migration event per ticket and nothing else, continuing each hash chain', async () => {
    const { store, admin, catalog, clock } = await setup();
    const head = (await store.headPosition())!;
    const report = await admin.migrate('incident', { ...plan({ awaitingVendor: 'awaitingCaller' }, false), reason: 'vendor waits become caller waits' }, who);
    expect(report.totals).toEqual({ tickets: 100, migrated: 100, failed: 0 });
    const written = await store.readAll({ fromPosition: head + 1n });
    expect(written).toHaveLength(100);
    expect(new Set(written.map((e) => e.type))).toEqual(new Set(['IncidentLifecycleMigrated']));
    expect(new Set(written.map((e) => e.streamId)).size).toBe(100);

    const stream = (await store.readStream(streamOfIncident(fixtureIncidentId(8)))).map((e) => unwrap(e));
    const migrated = stream[stream.length - 1];
    expect(migrated.data).toMatchObject({
      lifecycle: { id: 'incident', version: 2 },
      fromLifecycle: { id: 'incident', version: 1 },
      fromState: 'awaitingVendor',
      toState: 'awaitingCaller',
      mapping: { awaitingVendor: 'awaitingCaller' },
      migratedBy: 'owner:pat',
      migratedAt: '2026-04-01T09:00:00.000Z',
      reason: 'vendor waits become caller waits',
    });
    expect(migrated.envelope).toMatchObject({ actor: 'owner:pat', machine: { id: 'incident', version: 2 }, previousHash: stream[stream.length - 2].envelope.hash });
    expect(verifyHash(migrated)).toBe(true);

    // The incident now runs under version 2, from the mapped state.
    const incidents = incidentWriter(new CommandPipeline(store, new SequentialIds('after')), createTicketDecider(incidentProcess, catalog), () => ({ now: clock.now(), actor: 'agent:ana' }));
    const resumed = await incidents.move(fixtureIncidentId(8), 'RESUME');
    expect(resumed.state).toMatchObject({ state: 'inProgress', lifecycle: { id: 'incident', version: 2 } });

    // Closed tickets stay on version 1, and nothing is left to migrate.
    expect((await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller' }, true), who)).totals.tickets).toBe(0);
    await store.close();
  });

  it('skips, and reports, a ticket that changed between the scan and the write', async () => {
    const { store, admin } = await setup();
    const busy = streamOfIncident(fixtureIncidentId(3));
    let touched = false;
    const report = await admin.migrate('incident', plan({ awaitingVendor: 'awaitingCaller' }, false), who, {
      pageSize: 100_000,
      onProgress: () => {
        if (touched) return;
        touched = true;
        void store.appendToStream(busy, [{ id: '9f1c2a43-9b1e-4d8e-b3a0-5c2f8e7d1a91', type: 'IncidentCommented', data: { text: 'meanwhile', visibility: 'internal' } }]);
      },
    });
    expect(report.totals).toEqual({ tickets: 100, migrated: 99, failed: 1 });
    expect(report.failures).toEqual([{ streamId: busy, reason: expect.stringMatching(/changed after the scan/) }]);
    const last = await store.readStream(busy, { direction: 'backwards', maxCount: 1 });
    expect(last[0].type).toBe('IncidentCommented');
    await store.close();
  });
});
