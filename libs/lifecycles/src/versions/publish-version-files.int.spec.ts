import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { syncLifecycles } from '../load-lifecycle-catalog';
import { SHIPPED_ACTION_NAMES, shippedGuards, STATE_MACHINES_DIR } from '../test-support/definitions';

/** The shipped lifecycles' guard names, each answering true: these specs never move a ticket. */
const GUARDS = shippedGuards();

const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
function copyOfStateMachines(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'machines-')), 'state-machines');
  cpSync(STATE_MACHINES_DIR, dir, { recursive: true });
  // The mechanism is specified on the incident's version files; other processes' later versions
  // (problem, service request) are specified with their processes.
  for (const process of readdirSync(join(dir, 'versions'))) if (process !== 'incident') rmSync(join(dir, 'versions', process), { recursive: true });
  return dir;
}
const sync = (store: SqliteEventStore, dir: string) => syncLifecycles({ store, directory: dir, versionsDirectory: join(dir, 'versions'), guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds() });
const v2Text = () => readFileSync(join(STATE_MACHINES_DIR, 'versions', 'incident', '2.json'), 'utf8');

describe('Later lifecycle versions from state-machines/versions/<process>/<n>.json', () => {
  it('publishes v1 from the seed, then v2.. in order, on a fresh store', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const { catalog, versionFiles, histories } = await sync(store, copyOfStateMachines());
    expect(versionFiles).toEqual([{ process: 'incident', fileName: 'versions/incident/2.json', version: 2, outcome: 'published' }]);
    expect(catalog.latest('incident').version.version).toBe(2);
    expect(catalog.get('incident', 1).version.config.states.awaitingChange).toBeUndefined();
    expect(histories.get('incident')!.versions.map((v) => [v.version, v.source, v.notes])).toEqual([
      [1, 'file', 'Seeded from state-machines/incident.json'],
      [2, 'file', 'Published from state-machines/versions/incident/2.json'],
    ]);
    await store.close();
  });

  it('publishes nothing and proposes no draft of version 1 when restarted with the same files', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = copyOfStateMachines();
    await sync(store, dir);
    const head = await store.headPosition();
    const again = await sync(store, dir);
    expect(again.versionFiles.map((o) => o.outcome)).toEqual(['already-published']);
    expect(again.outcomes.find((o) => o.process === 'incident')?.outcome).toBe('unchanged');
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('never republishes a changed version file, says so, and publishes the next one added', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = copyOfStateMachines();
    await sync(store, dir);
    const edited = JSON.parse(v2Text());
    edited.description = 'edited after publishing';
    writeFileSync(join(dir, 'versions', 'incident', '2.json'), JSON.stringify(edited));
    const v3 = JSON.parse(v2Text());
    v3.description = 'version 3';
    writeFileSync(join(dir, 'versions', 'incident', '3.json'), JSON.stringify(v3));
    writeFileSync(join(dir, 'versions', 'incident', '5.json'), JSON.stringify({ ...v3, description: 'version 5' }));
    const { versionFiles, catalog } = await sync(store, dir);
    expect(versionFiles.map((o) => [o.version, o.outcome])).toEqual([
      [2, 'differs-from-published'],
      [3, 'published'],
      [5, 'waiting-for-earlier'],
    ]);
    expect(catalog.latest('incident').version.version).toBe(3);
    expect(catalog.get('incident', 2).version.config.description).not.toBe('edited after publishing');
    await store.close();
  });

  it('refuses an invalid version file without stopping, and publishes nothing after it', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const dir = copyOfStateMachines();
    const broken = JSON.parse(v2Text());
    broken.states.new.on.ASSIGN.guard = 'hasAsignmentGroup';
    writeFileSync(join(dir, 'versions', 'incident', '2.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'versions', 'incident', '3.json'), v2Text());
    const { versionFiles, catalog } = await sync(store, dir);
    expect(versionFiles.map((o) => [o.version, o.outcome])).toEqual([[2, 'refused']]);
    expect(versionFiles[0].message).toMatch(/hasAsignmentGroup/);
    expect(catalog.latest('incident').version.version).toBe(1);
    await store.close();
  });
});
