import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { sqliteTarget, tempDir } from '@itil/read-models/test-support/read-model-targets';
import { projectAll } from '@itil/read-models/test-support/project-all';
import { IncidentV1, EventWriter, idOf } from '@itil/read-models/test-support/ticket-events';
import { projectionLag } from './projection-lag';

describe("/health's projection lag", () => {
  it('counts the events after each live checkpoint and the seconds between their recording', async () => {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const store = new SqliteEventStore({ file: join(tempDir(), 'events.db'), now: () => new Date(now) });
    const { rm, dispose } = await sqliteTarget.open();
    try {
      expect((await projectionLag(rm, store)).map((p) => [p.name, p.generation, p.lagEvents])).toEqual([['tickets', null, null], ['csi', null, null]]);
      const w = new EventWriter(store);
      const a = new IncidentV1(w, idOf('lag-A'));
      await a.logged('2026-03-02T09:00:00.000Z', { title: 'A' });
      await projectAll(store, rm);
      expect(await projectionLag(rm, store)).toEqual([
        { name: 'tickets', generation: 1, position: expect.any(String), lagEvents: 0, lagEventsCapped: false, lagSeconds: 0, parked: false, rebuilding: false },
        { name: 'csi', generation: 1, position: expect.any(String), lagEvents: 0, lagEventsCapped: false, lagSeconds: 0, parked: false, rebuilding: false },
      ]);
      now += 90_000;
      await a.assigned('2026-03-02T09:01:30.000Z', 'new', 'network', null);
      await a.commented('2026-03-02T09:01:30.000Z', 'on it');
      expect((await projectionLag(rm, store)).map((p) => [p.name, p.lagEvents, p.lagSeconds])).toEqual([['tickets', 2, 90], ['csi', 2, 90]]);
    } finally {
      await dispose();
      await store.close();
    }
  });
});
