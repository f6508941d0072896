import { CommandPipeline, FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { incidentWriter } from '@itil/incident/testing/incident-writer';
import { createTicketDecider } from '@itil/tickets';
import { TransitionNotAllowedError } from '@itil/workflow';
import { LifecycleAdmin, loadLifecycleCatalog } from '@itil/lifecycles';
import { incidentWithoutVendorPending, STATE_MACHINES_DIR } from '@itil/lifecycles/test-support/definitions';
import { ALL_ACTION_NAMES } from '../all-actions';
import { ALL_GUARDS } from '../all-guards';

const OLD = '11111111-1111-4111-8111-111111111111';
const NEW = '22222222-2222-4222-8222-222222222222';

describe('Publishing a new lifecycle version with tickets in flight', () => {
  it('leaves tickets opened before on their version, working under it; new tickets get the new version', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
    const ids = new SequentialIds();
    const catalog = await loadLifecycleCatalog({ store, directory: STATE_MACHINES_DIR, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
    const pipeline = new CommandPipeline(store, ids);
    const metadata = () => ({ now: clock.now(), actor: 'agent:ana' });
    const incidents = incidentWriter(pipeline, createTicketDecider(incidentProcess, catalog), metadata);
    const admin = new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids, pipeline });
    const logAndWork = async (id: string) => {
      await incidents.open(id, { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'high' });
      await incidents.move(id, 'ASSIGN', { assignmentGroup: 'network', assignee: 'ana' });
      return incidents.move(id, 'START_WORK');
    };

    const before = await logAndWork(OLD);
    expect(before.state.lifecycle).toEqual({ id: 'incident', version: 1 });

    const v2 = await admin.publish('incident', { definition: incidentWithoutVendorPending(), expectedVersion: 1, notes: 'Vendor waits are handled as caller waits' }, { actor: 'owner:pat', source: 'api' });
    expect(v2.version).toBe(2);

    // The old ticket still runs under version 1: the vendor pending state exists for it.
    const pended = await incidents.move(OLD, 'PEND', { reason: 'awaiting_vendor' });
    expect([pended.state.state, pended.state.lifecycle]).toEqual(['awaitingVendor', { id: 'incident', version: 1 }]);
    expect(pended.events[0].envelope.machine).toEqual({ id: 'incident', version: 1 });
    expect((await incidents.move(OLD, 'RESUME')).state.state).toBe('inProgress');

    // A new ticket is pinned to version 2, which has no vendor pending state.
    const after = await logAndWork(NEW);
    expect(after.state.lifecycle).toEqual({ id: 'incident', version: 2 });
    await expect(incidents.move(NEW, 'PEND', { reason: 'awaiting_vendor' })).rejects.toThrow(TransitionNotAllowedError);
    expect((await incidents.move(NEW, 'PEND', { reason: 'awaiting_caller' })).state.state).toBe('awaitingCaller');

    // Restarting keeps both: each ticket finds its own version.
    const restarted = await loadLifecycleCatalog({ store, directory: STATE_MACHINES_DIR, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
    const fresh = incidentWriter(new CommandPipeline(store, ids), createTicketDecider(incidentProcess, restarted), metadata);
    const resumed = await fresh.move(NEW, 'RESUME');
    expect(resumed.state).toMatchObject({ state: 'inProgress', lifecycle: { id: 'incident', version: 2 } });
    await store.close();
  });
});
