import { CommandPipeline, FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { ChangeDataCatalog } from '../process/change-data';
import { ChangeDataAdmin } from './change-data-admin';

const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
const open = (file: string, seed: string) => {
  const store = new SqliteEventStore({ file, pollIntervalMs: 10 });
  const catalog = new ChangeDataCatalog();
  return { store, catalog, admin: new ChangeDataAdmin({ store, pipeline: new CommandPipeline(store, new SequentialIds(seed)), clock, catalog }) };
};

/** Two processes on one store file, each with its own catalog (as two API instances have). */
describe('Change data admin: the catalog is a read model of the log', () => {
  it('seeds the defaults once between two processes, and each follows what the other publishes', async () => {
    const file = tempFile();
    const a = open(file, 'a');
    const b = open(file, 'b');
    try {
      const [seededA, seededB] = [await a.admin.start(fail), await b.admin.start(fail)];
      expect([seededA, seededB]).toEqual([5, 0]);
      expect(b.catalog.latest('approval-rule', 'default')).toEqual(a.catalog.latest('approval-rule', 'default'));

      const windows = [{ id: 'month-end', start: '2026-04-30T18:00:00Z', end: '2026-05-01T06:00:00Z', reason: 'Finance close' }];
      const published = await a.admin.publish('freeze-calendar', 'default', { document: { windows }, expectedVersion: 1 }, { actor: 'user:mo', source: 'api' });
      await b.admin.applied(published.position!);
      expect(b.catalog.latest('freeze-calendar', 'default')).toEqual({ id: 'default', version: 2, windows });
      expect(b.catalog.version('freeze-calendar', 'default', 1)?.windows.map((w) => w.id)).toEqual(['year-end']);

      const marked = await b.admin.markUnderReview('patch-linux', 1, { reason: 'failed', changeId: null }, { actor: 'user:mo', source: 'api' });
      await a.admin.applied(marked.position!);
      expect(a.catalog.latest('template', 'patch-linux')?.underReview).toBe(true);
    } finally {
      await Promise.all([a.admin.stop(), b.admin.stop()]);
      await Promise.all([a.store.close(), b.store.close()]);
    }
  });

  it('rebuilds the same catalog from the log after a restart', async () => {
    const file = tempFile();
    const first = open(file, 'first');
    await first.admin.start(fail);
    await first.admin.publish('approval-rule', 'default', { document: { levels: { low: [{ group: 'change-managers', quorum: 1 }], medium: [{ group: 'cab', quorum: 3 }], high: [{ group: 'cab', quorum: 4 }] } }, expectedVersion: 1 }, { actor: 'user:mo', source: 'api' });
    await first.admin.stop();
    await first.store.close();
    const again = open(file, 'again');
    try {
      expect(await again.admin.start(fail)).toBe(0);
      expect(again.catalog.latest('approval-rule', 'default')?.levels.medium).toEqual([{ group: 'cab', quorum: 3 }]);
    } finally {
      await again.admin.stop();
      await again.store.close();
    }
  });
});

function fail(error: unknown): never {
  throw error;
}
