/**
 * Embedded store appends/s against raw better-sqlite3 inserts at the same durability, in the same
 * run: sequential (one append in flight, so one fsync each) and concurrent (group commit).
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type Durability } from '@itil/event-store';
import { openRawDb, perSecond, printTable, tempDbFile } from './bench-support';

const SEQUENTIAL = Number(process.env.BENCH_APPENDS ?? 2000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT_APPENDS ?? 8000);
const IN_FLIGHT = 64;

const payload = () => ({ title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium', n: Math.random() });

/** The same INSERT the store does, one transaction (one commit) per event, nothing else. */
function rawInserts(durability: Durability, count: number): Promise<number> {
  const { db, insert } = openRawDb(durability);
  const write = db.transaction((i: number) => insert.run(`incident-${i % 100}`, Math.floor(i / 100), randomUUID(), 'IncidentCommented', JSON.stringify(payload()), '{}', Date.now()));
  return perSecond(count, () => {
    for (let i = 0; i < count; i++) write(i);
  }).finally(() => db.close());
}

async function sequentialAppends(durability: Durability, count: number): Promise<number> {
  const store = new SqliteEventStore({ file: tempDbFile('seq'), durability });
  const revisions = new Map<string, bigint>();
  const rate = await perSecond(count, async () => {
    for (let i = 0; i < count; i++) {
      const stream = `incident-${i % 100}`;
      const expected = revisions.get(stream) ?? 'no_stream';
      const result = await store.appendToStream(stream, [{ id: randomUUID(), type: 'IncidentCommented', data: payload() }], { expectedRevision: expected });
      revisions.set(stream, result.nextExpectedRevision);
    }
  });
  await store.close();
  return rate;
}

async function concurrentAppends(durability: Durability, count: number): Promise<number> {
  const store = new SqliteEventStore({ file: tempDbFile('conc'), durability });
  const rate = await perSecond(count, async () => {
    let next = 0;
    // IN_FLIGHT writers, each on its own streams, each awaiting its append before the next.
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async (_, w) => {
        let revision: bigint | 'no_stream' = 'no_stream';
        while (next < count) {
          next++;
          const r = await store.appendToStream(`incident-w${w}`, [{ id: randomUUID(), type: 'IncidentCommented', data: payload() }], { expectedRevision: revision });
          revision = r.nextExpectedRevision;
        }
      }),
    );
  });
  await store.close();
  return rate;
}

export async function run(): Promise<void> {
  for (const durability of ['full', 'normal'] as const) {
    const raw = await rawInserts(durability, SEQUENTIAL);
    const seq = await sequentialAppends(durability, SEQUENTIAL);
    const conc = await concurrentAppends(durability, durability === 'full' ? CONCURRENT / 2 : CONCURRENT);
    printTable(`Appends, durability=${durability} (synchronous=${durability === 'full' ? 'FULL' : 'NORMAL'}), one event per append`, [
      ['raw better-sqlite3 INSERT, one transaction each (baseline)', raw, undefined],
      ['embedded store, sequential appends with revision check', seq, raw],
      [`embedded store, ${IN_FLIGHT} concurrent writers (group commit)`, conc, raw],
    ]);
  }
}
