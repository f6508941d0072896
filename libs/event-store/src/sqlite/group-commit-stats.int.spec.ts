import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events } from '../contract/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

describe('embedded SQLite store: group commit reports its batch sizes', () => {
  it('counts each committed transaction by the writes it carried', async () => {
    const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'es-stats-')), 'events.db') });
    // Ten appends in one turn of the event loop share one transaction; one more later is alone.
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendToStream(`s-${i}`, events(1), { expectedRevision: 'no_stream' })));
    await store.appendToStream('s-0', events(1), { expectedRevision: 0n });
    // A conflict fails only its own write; its transaction still counts, with the write in it.
    await Promise.allSettled([store.appendToStream('s-1', events(1), { expectedRevision: 5n }), store.appendToStream('s-2', events(1), { expectedRevision: 0n })]);
    const stats = store.groupCommitStats();
    expect([...stats.batchSizes.entries()].sort(([a], [b]) => a - b)).toEqual([
      [1, 1],
      [2, 1],
      [10, 1],
    ]);
    expect(stats).toMatchObject({ transactions: 3, writes: 13 });
    await store.close();
  });
});
