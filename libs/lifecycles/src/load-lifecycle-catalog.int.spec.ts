import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { LifecycleAdmin } from './lifecycle-admin';
import { LifecycleDefinitionInvalidError } from './lifecycle.errors';
import { loadLifecycleCatalog, syncLifecycles } from './load-lifecycle-catalog';
import { brokenIncident, incidentWithoutVendorPending, PROCESSES, SHIPPED_ACTION_NAMES, shippedGuards, STATE_MACHINES_DIR } from './test-support/definitions';

/** The shipped lifecycles' guard names, each answering true: these specs never move a ticket. */
const GUARDS = shippedGuards();

function copyOfSeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
  for (const file of readdirSync(STATE_MACHINES_DIR).filter((f) => f.endsWith('.json'))) copyFileSync(join(STATE_MACHINES_DIR, file), join(dir, file));
  return dir;
}
const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
const deps = (store: SqliteEventStore, directory: string) => ({ store, directory, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds() });
const types = async (store: SqliteEventStore) => (await store.readAll()).map((e) => `${e.streamId}:${e.type}`);

describe('Loading the lifecycle catalog from the event store', () => {
  it('publishes version 1 of every seed file on first start, one stream per process', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const catalog = await loadLifecycleCatalog(deps(store, STATE_MACHINES_DIR));
    expect(catalog.machineIds()).toEqual(PROCESSES);
    for (const process of PROCESSES) expect(catalog.latest(process).version.version).toBe(1);
    expect(await types(store)).toEqual(PROCESSES.map((p) => `lifecycle-${p}:LifecycleVersionPublished`));
    await store.close();
  });

  it('writes nothing when restarted with the same files', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    await loadLifecycleCatalog(deps(store, STATE_MACHINES_DIR));
    const head = await store.headPosition();
    const { outcomes } = await syncLifecycles(deps(store, STATE_MACHINES_DIR));
    expect(outcomes.map((o) => o.outcome)).toEqual(PROCESSES.map(() => 'unchanged'));
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('proposes a draft for a changed file and keeps the live version', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = copyOfSeeds();
    await loadLifecycleCatalog(deps(store, dir));
    writeFileSync(join(dir, 'incident.json'), JSON.stringify(incidentWithoutVendorPending(), null, 2));
    const { catalog, outcomes, histories } = await syncLifecycles(deps(store, dir));
    expect(outcomes.find((o) => o.process === 'incident')).toMatchObject({ outcome: 'draft-proposed', draft: 1 });
    expect(catalog.latest('incident').version.version).toBe(1);
    expect(catalog.latest('incident').stateConfig('awaitingVendor')).toBeDefined();
    expect(histories.get('incident')!.drafts.map((d) => [d.draft, d.source, d.fileName, d.status])).toEqual([[1, 'file', 'incident.json', 'open']]);
    // The same changed file proposes nothing on the next start.
    const again = await syncLifecycles(deps(store, dir));
    expect(again.outcomes.find((o) => o.process === 'incident')!.outcome).toBe('unchanged');
    await store.close();
  });

  it('does not stop on a broken edit of a seed file, and records no draft for it', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = copyOfSeeds();
    await loadLifecycleCatalog(deps(store, dir));
    writeFileSync(join(dir, 'problem.json'), '{ "id": "problem", ');
    const { outcomes, catalog } = await syncLifecycles(deps(store, dir));
    expect(outcomes.find((o) => o.process === 'problem')).toMatchObject({ outcome: 'draft-refused', message: expect.stringMatching(/Not valid JSON/) });
    expect(catalog.latest('problem').version.version).toBe(1);
    await store.close();
  });

  it('refuses to start from an invalid seed on an empty store, naming what is wrong', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
    writeFileSync(join(dir, 'incident.json'), JSON.stringify(brokenIncident()));
    await expect(loadLifecycleCatalog(deps(store, dir))).rejects.toThrow(LifecycleDefinitionInvalidError);
    expect(await store.headPosition()).toBeUndefined();
    await store.close();
  });

  it('loads every published version on restart, including those published through the admin', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const first = await loadLifecycleCatalog(deps(store, STATE_MACHINES_DIR));
    const admin = new LifecycleAdmin({ store, catalog: first, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('admin') });
    await admin.publish('incident', { definition: incidentWithoutVendorPending(), expectedVersion: 1 }, { actor: 'owner:pat', source: 'api' });
    const restarted = await loadLifecycleCatalog(deps(store, STATE_MACHINES_DIR));
    expect(restarted.latest('incident').version.version).toBe(2);
    expect(restarted.get('incident', 1).stateConfig('awaitingVendor')).toBeDefined();
    expect(restarted.get('incident', 2).stateConfig('awaitingVendor')).toBeUndefined();
    await store.close();
  });
});
