import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { LifecycleAdmin } from './lifecycle-admin';
import { LifecycleDefinitionInvalidError, LifecycleVersionConflictError, UnknownLifecycleVersionError, UnknownProcessError } from './lifecycle.errors';
import { loadLifecycleCatalog } from './load-lifecycle-catalog';
import { brokenIncident, incidentWithoutVendorPending, PROCESSES, SHIPPED_ACTION_NAMES, shippedGuards, STATE_MACHINES_DIR } from './test-support/definitions';

/** The shipped lifecycles' guard names, each answering true: these specs never move a ticket. */
const GUARDS = shippedGuards();

async function setup() {
  const store = new SqliteEventStore({ file: ':memory:' });
  const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
  const ids = new SequentialIds();
  const catalog = await loadLifecycleCatalog({ store, directory: STATE_MACHINES_DIR, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids });
  return { store, catalog, admin: new LifecycleAdmin({ store, catalog, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids }) };
}
const owner = { actor: 'owner:pat', source: 'api' as const };

describe('Lifecycle administration: draft, validate, publish', () => {
  it('lists every process with its live version', async () => {
    const { admin, store } = await setup();
    const list = await admin.processes();
    expect(list.map((p) => [p.process, p.liveVersion, p.openDrafts])).toEqual(PROCESSES.map((p) => [p, 1, []]));
    expect(list.find((p) => p.process === 'change-normal')).toMatchObject({ title: 'Normal change', publishedBy: 'system:lifecycle-seed' });
    await store.close();
  });

  it('refuses to publish a definition with a misspelled guard, an unreachable state and a dead end, writing nothing', async () => {
    const { admin, store, catalog } = await setup();
    const head = await store.headPosition();
    const error = await admin.publish('incident', { definition: brokenIncident(), expectedVersion: 1 }, owner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifecycleDefinitionInvalidError);
    expect((error as LifecycleDefinitionInvalidError).findings.filter((f) => f.severity === 'error').map((f) => f.path)).toEqual(['$.states.assigned.on.START_WORK.guard', '$.states.triage', '$.states.onHold']);
    expect(await store.headPosition()).toBe(head);
    expect(catalog.latest('incident').version.version).toBe(1);
    await store.close();
  });

  it('saves a draft with its findings, publishes it, and refuses a stale expected version', async () => {
    const { admin, store, catalog } = await setup();
    const saved = await admin.proposeDraft('incident', incidentWithoutVendorPending(), owner, 'drop vendor waits');
    expect(saved).toMatchObject({ created: true, draft: { draft: 1, basedOnVersion: 1, status: 'open', notes: 'drop vendor waits' }, validation: { valid: true } });
    expect(saved.validation.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await admin.proposeDraft('incident', incidentWithoutVendorPending(), owner)).created).toBe(false);
    const v2 = await admin.publish('incident', { draft: 1, expectedVersion: 1, notes: 'approved by the process owner board' }, owner);
    expect(v2).toMatchObject({ version: 2, draft: 1, author: 'owner:pat', notes: 'approved by the process owner board' });
    expect(catalog.latest('incident').version.version).toBe(2);
    await expect(admin.publish('incident', { definition: brokenIncident(), expectedVersion: 1 }, owner)).rejects.toThrow(LifecycleVersionConflictError);
    expect((await admin.processes()).find((p) => p.process === 'incident')).toMatchObject({ liveVersion: 2, openDrafts: [] });
    await store.close();
  });

  it('diffs and draws versions, drafts and inline definitions', async () => {
    const { admin, store } = await setup();
    await admin.proposeDraft('incident', incidentWithoutVendorPending(), owner);
    const diff = await admin.diff('incident', { version: 1 }, { draft: 1 });
    expect(diff).toMatchObject({ from: 'incident v1', to: 'incident draft 1', states: { removed: ['awaitingVendor'] } });
    expect(await admin.diagram('incident', { version: 1 }, 'mmd')).toMatch(/^---\ntitle: incident v1\n---\nstateDiagram-v2/);
    expect(await admin.diagram('incident', { draft: 1 }, 'svg')).toMatch(/^<svg /);
    await store.close();
  });

  it('names what it does not know', async () => {
    const { admin, store } = await setup();
    await expect(admin.history('parking')).rejects.toThrow(UnknownProcessError);
    await expect(admin.history('../etc')).rejects.toThrow(UnknownProcessError);
    await expect(admin.version('incident', 9)).rejects.toThrow(UnknownLifecycleVersionError);
    await expect(admin.resolve('incident', { version: 1, draft: 1 })).rejects.toThrow(/exactly one/);
    await expect(admin.resolve('incident', { definition: '{"id":"incident"' })).rejects.toThrow(/Not valid JSON/);
    await store.close();
  });
});
