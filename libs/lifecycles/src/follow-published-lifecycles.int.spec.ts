import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import type { LifecycleVersion } from '@itil/workflow';
import { ALL_GUARDS } from './all-guards';
import { followPublishedLifecycles } from './follow-published-lifecycles';
import { LifecycleAdmin } from './lifecycle-admin';
import { loadLifecycleCatalog } from './load-lifecycle-catalog';

const STATE_MACHINES = join(__dirname, '../../../state-machines');

describe('Following lifecycle versions published elsewhere', () => {
  it('adds a version another process publishes to a running catalog, once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'follow-')), 'events.db');
    const clock = new FixedClock(new Date('2026-04-01T08:00:00Z'));
    // Two connections to one file stand for two processes (the API and the CLI).
    const here = new SqliteEventStore({ file, pollIntervalMs: 5 });
    const elsewhere = new SqliteEventStore({ file });
    const from = (await here.headPosition()) ?? 'start';
    const catalog = await loadLifecycleCatalog({ store: here, directory: STATE_MACHINES, guards: ALL_GUARDS, clock, ids: new SequentialIds('here') });
    const added: LifecycleVersion[] = [];
    let sawV2!: () => void;
    const v2Arrived = new Promise<void>((resolve) => (sawV2 = resolve));
    const subscription = followPublishedLifecycles(here, catalog, {
      fromPosition: from,
      onAdded: (v) => {
        added.push(v);
        if (v.version === 2) sawV2();
      },
    });
    expect(catalog.latest('incident').version.version).toBe(1);

    const otherCatalog = await loadLifecycleCatalog({ store: elsewhere, directory: STATE_MACHINES, guards: ALL_GUARDS, clock, ids: new SequentialIds('elsewhere') });
    const admin = new LifecycleAdmin({ store: elsewhere, catalog: otherCatalog, guards: ALL_GUARDS, clock, ids: new SequentialIds('admin') });
    const definition = JSON.parse(JSON.stringify(catalog.get('incident', 1).version.config));
    definition.description = 'Edited by the process owner';
    await admin.publish('incident', { definition, expectedVersion: 1 }, { actor: 'owner:pat', source: 'api' });

    await v2Arrived;
    expect(catalog.latest('incident').version.version).toBe(2);
    // The seeds this instance wrote itself came through the subscription too, and were skipped.
    expect(added.map((v) => `${v.machineId} v${v.version}`)).toEqual(['incident v2']);
    await subscription.unsubscribe();
    await elsewhere.close();
    await here.close();
  });
});
