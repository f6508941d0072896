import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { START, SqliteEventStore, type EventStore, type Subscription } from '@itil/event-store';
import { LifecycleVersionUnusableError, PinnedLifecycleMissingError, type GuardRegistry, type LifecycleVersion, type UnusableVersion } from '@itil/workflow';
import type { LifecycleDefinition } from './definition/lifecycle-json';
import { followPublishedLifecycles } from './follow-published-lifecycles';
import { LifecycleAdmin } from './lifecycle-admin';
import { loadLifecycleCatalog } from './load-lifecycle-catalog';
import { SHIPPED_ACTION_NAMES, shippedGuards } from './test-support/definitions';

/** The shipped lifecycles' guard names, each answering true: these specs never move a ticket. */
const GUARDS = shippedGuards();

const STATE_MACHINES = join(__dirname, '../../../state-machines');

describe('Following lifecycle versions published elsewhere', () => {
  it('adds a version another process publishes to a running catalog, once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'follow-')), 'events.db');
    const clock = new FixedClock(new Date('2026-04-01T08:00:00Z'));
    // Two connections to one file stand for two processes (the API and the CLI).
    const here = new SqliteEventStore({ file, pollIntervalMs: 5 });
    const elsewhere = new SqliteEventStore({ file });
    const from = (await here.headPosition()) ?? 'start';
    const catalog = await loadLifecycleCatalog({ store: here, directory: STATE_MACHINES, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('here') });
    const added: LifecycleVersion[] = [];
    let sawV2!: () => void;
    const v2Arrived = new Promise<void>((resolve) => (sawV2 = resolve));
    const follower = followPublishedLifecycles(here, catalog, {
      fromPosition: from,
      onAdded: (v) => {
        added.push(v);
        if (v.version === 2) sawV2();
      },
    });
    expect(catalog.latest('incident').version.version).toBe(1);

    const otherCatalog = await loadLifecycleCatalog({ store: elsewhere, directory: STATE_MACHINES, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('elsewhere') });
    const admin = new LifecycleAdmin({ store: elsewhere, catalog: otherCatalog, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('admin') });
    const definition = JSON.parse(JSON.stringify(catalog.get('incident', 1).version.config));
    definition.description = 'Edited by the process owner';
    await admin.publish('incident', { definition, expectedVersion: 1 }, { actor: 'owner:pat', source: 'api' });

    await v2Arrived;
    expect(catalog.latest('incident').version.version).toBe(2);
    // The seeds this instance wrote itself came through the subscription too, and were skipped.
    expect(added.map((v) => `${v.machineId} v${v.version}`)).toEqual(['incident v2']);
    await follower.stop();
    await elsewhere.close();
    await here.close();
  });
});

/** Two connections to one file stand for two processes; `elsewhere` may know guards `here` lacks. */
async function twoProcesses(options: { herePollMs?: number; extraGuards?: GuardRegistry } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'follow-')), 'events.db');
  const clock = new FixedClock(new Date('2026-04-01T08:00:00Z'));
  const here = new SqliteEventStore({ file, pollIntervalMs: options.herePollMs ?? 5 });
  const elsewhere = new SqliteEventStore({ file });
  const from = (await here.headPosition()) ?? START;
  const catalog = await loadLifecycleCatalog({ store: here, directory: STATE_MACHINES, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('here') });
  const guards = { ...GUARDS, ...options.extraGuards };
  const otherCatalog = await loadLifecycleCatalog({ store: elsewhere, directory: STATE_MACHINES, guards, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('elsewhere') });
  const admin = new LifecycleAdmin({ store: elsewhere, catalog: otherCatalog, guards, actions: SHIPPED_ACTION_NAMES, clock, ids: new SequentialIds('admin') });
  const edited = (edit: (d: LifecycleDefinition) => void) => {
    const definition = JSON.parse(JSON.stringify(catalog.get('incident', 1).version.config)) as LifecycleDefinition;
    edit(definition);
    return definition;
  };
  const publish = (definition: LifecycleDefinition, expectedVersion: number) => admin.publish('incident', { definition, expectedVersion }, { actor: 'owner:pat', source: 'cli' });
  const close = async () => {
    await elsewhere.close();
    await here.close();
  };
  return { here, elsewhere, from, catalog, edited, publish, close };
}

/** The incident lifecycle whose START_WORK names a guard only a newer build has. */
const withVipGuard = (d: LifecycleDefinition) => {
  (d.states.assigned.on!.START_WORK as { guard: string }).guard = 'callerIsVip';
};

describe('Following lifecycle versions: a version this build cannot run', () => {
  it('records it as unusable, with the reason, and keeps following later versions', async () => {
    const p = await twoProcesses({ extraGuards: { callerIsVip: () => true } });
    const unusable: UnusableVersion[] = [];
    const follower = followPublishedLifecycles(p.here, p.catalog, { fromPosition: p.from, onUnusable: (u) => unusable.push(u) });
    await p.publish(p.edited(withVipGuard), 1);
    await p.publish(p.edited((d) => (d.description = 'v3: no VIP guard')), 2);
    await follower.reached((await p.elsewhere.headPosition())!);

    expect(p.catalog.latest('incident').version.version).toBe(3);
    expect(unusable).toEqual([{ machineId: 'incident', version: 2, reason: expect.stringMatching(/unknown guard\(s\) callerIsVip/) }]);
    expect(follower.state()).toMatchObject({ following: true, unusableVersions: unusable, lastError: null, restarts: 0 });
    expect(() => p.catalog.get('incident', 2)).toThrow(LifecycleVersionUnusableError);
    await expect(p.catalog.resolve('incident', 2)).rejects.toMatchObject({ code: 'WORKFLOW.VERSION_UNUSABLE', version: 2 });
    await follower.stop();
    expect(follower.state().following).toBe(false);
    await p.close();
  });

  it('starts (the catalog loads) when the store already holds such a version', async () => {
    const p = await twoProcesses({ extraGuards: { callerIsVip: () => true } });
    await p.publish(p.edited(withVipGuard), 1);
    const restarted = await loadLifecycleCatalog({ store: p.here, directory: STATE_MACHINES, guards: GUARDS, actions: SHIPPED_ACTION_NAMES, clock: new FixedClock(new Date()), ids: new SequentialIds('again') });
    expect(restarted.unusableVersions()).toEqual([{ machineId: 'incident', version: 2, reason: expect.stringMatching(/callerIsVip/) }]);
    expect(restarted.latest('incident').version.version).toBe(1);
    await p.close();
  });
});

/**
 * A real store whose first subscription fails at once, as a dropped connection would (the one
 * fault a single SQLite file cannot produce on demand); every other call goes to the store.
 */
function firstSubscriptionFails(store: EventStore): EventStore {
  let failed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribeToAll' || failed) {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (options: Parameters<EventStore['subscribeToAll']>[0]) => {
        failed = true;
        const real = target.subscribeToAll(options);
        const broken: Subscription = {
          caughtUp: real.caughtUp,
          toObservable: () => real.toObservable(),
          unsubscribe: () => real.unsubscribe(),
          [Symbol.asyncIterator]: () => ({ next: async () => (await real.unsubscribe(), Promise.reject(new Error('connection reset by peer'))) }),
        };
        return broken;
      };
    },
  });
}

describe('Following lifecycle versions: after a failure', () => {
  it('subscribes again from where it was and still receives what is published', async () => {
    const p = await twoProcesses();
    let restarted!: () => void;
    const again = new Promise<void>((resolve) => (restarted = resolve));
    const errors: string[] = [];
    const follower = followPublishedLifecycles(firstSubscriptionFails(p.here), p.catalog, {
      fromPosition: p.from,
      restartDelayMs: 1,
      onError: (e) => errors.push(String(e)),
      onRestarted: () => restarted(),
    });
    await again;
    await p.publish(p.edited((d) => (d.description = 'v2')), 1);
    await follower.reached((await p.elsewhere.headPosition())!);
    expect(p.catalog.has('incident', 2)).toBe(true);
    expect(errors).toEqual(['Error: connection reset by peer']);
    expect(follower.state()).toMatchObject({ following: true, lastError: 'connection reset by peer', restarts: 1 });
    await follower.stop();
    await p.close();
  });
});

describe('A catalog miss loads the version before deciding', () => {
  it('resolves a version another process published before the follower delivers it, also for two concurrent misses', async () => {
    // This handle polls for other processes' commits once a minute: the follower cannot help.
    const p = await twoProcesses({ herePollMs: 60_000 });
    const follower = followPublishedLifecycles(p.here, p.catalog, { fromPosition: p.from });
    await p.publish(p.edited((d) => (d.description = 'v2 from the CLI')), 1);
    expect(p.catalog.has('incident', 2)).toBe(false);
    const [a, b] = await Promise.all([p.catalog.resolve('incident', 2), p.catalog.resolve('incident', 2)]);
    expect(a).toBe(b);
    expect(a.version.config.description).toBe('v2 from the CLI');
    expect(p.catalog.latest('incident').version.version).toBe(2);
    await expect(p.catalog.resolve('incident', 9)).rejects.toThrow(PinnedLifecycleMissingError);
    await expect(p.catalog.resolve('no-such-process', 1)).rejects.toMatchObject({ code: 'WORKFLOW.PINNED_VERSION_MISSING' });
    await follower.stop();
    await p.close();
  });
});
