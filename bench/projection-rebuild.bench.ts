/**
 * Projection rebuild events/s next to the raw `$all` paging rate of the same store in the same
 * run, and the peak memory of the process while rebuilding (the log is streamed in pages, never
 * loaded). BENCH_REBUILD_TICKETS sets the size (default 20,000 incidents, ~100k events; 200,000
 * gives ~1M events). READ_MODEL_DATABASE_URL also runs the rebuild into PostgreSQL.
 */
import { join } from 'node:path';
import { readAllPages, SqliteEventStore, type EventStore } from '@itil/event-store';
import { generateIncidentFixture } from '@itil/lifecycles/testing/incident-fixture';
import { csiProjection, migrateRunnerTables, openReadModelDb, ProjectionRunner, ticketsProjection, type AnyProjection } from '@itil/read-models';
import { EventWriter } from '@itil/read-models/test-support/ticket-events';
import { fmt, tempDbFile } from './bench-support';

const TICKETS = Number(process.env.BENCH_REBUILD_TICKETS ?? 20_000);

async function rawRead(store: EventStore): Promise<{ events: number; perSecond: number }> {
  const start = process.hrtime.bigint();
  let events = 0;
  for await (const page of readAllPages(store, { pageSize: 1000 })) events += page.length;
  return { events, perSecond: events / (Number(process.hrtime.bigint() - start) / 1e9) };
}

/** Samples the process's resident set while `work` runs. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number; peakHeapMb: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 25);
  try {
    const result = await work();
    return { result, peakRssMb: rss / 2 ** 20, peakHeapMb: heap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function rebuild(store: EventStore, projection: AnyProjection, target: { file?: string; url?: string }): Promise<number> {
  const rm = openReadModelDb(target);
  await migrateRunnerTables(rm.db);
  let seen = 0;
  const runner = new ProjectionRunner({ store, rm, projection, holder: 'bench', batchSize: 1000, onProgress: (p) => (seen = p.eventsSeen) });
  await runner.acquire();
  const start = process.hrtime.bigint();
  const outcome = await runner.catchUp();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await rm.close();
  if (outcome !== 'caught-up') throw new Error(`${projection.name}: ${outcome}`);
  return seen / seconds;
}

export async function run(): Promise<void> {
  const file = tempDbFile('rebuild');
  const store = new SqliteEventStore({ file, durability: 'normal' });
  await new EventWriter(store).publishLifecycle('incident');
  await generateIncidentFixture(store, { count: TICKETS });
  const raw = await rawRead(store);
  console.log(`\nprojection rebuild, embedded store with ${fmt(raw.events)} events (${fmt(TICKETS)} incidents), batches of 1,000 events per transaction`);
  console.log(`  ${'raw $all paging (readAllPages, 1,000 per page, JSON parsed)'.padEnd(62)} ${fmt(raw.perSecond).padStart(9)} /s  baseline`);
  const targets: [string, (name: string) => { file?: string; url?: string }][] = [['SQLite', (name) => ({ file: join(tempDbFile(`rm-${name}`), '..', 'read-models.db') })]];
  if (process.env.READ_MODEL_DATABASE_URL) targets.push(['PostgreSQL', () => ({ url: process.env.READ_MODEL_DATABASE_URL })]);
  for (const [label, target] of targets) {
    for (const make of [ticketsProjection, csiProjection]) {
      const projection = make();
      const { result: rate, peakRssMb, peakHeapMb } = await withPeakMemory(() => rebuild(store, projection, target(projection.name)));
      console.log(`  ${`rebuild ${projection.name} into ${label}`.padEnd(62)} ${fmt(rate).padStart(9)} /s  ${(rate / raw.perSecond).toFixed(2)}x baseline  peak RSS ${peakRssMb.toFixed(0)} MB, heap ${peakHeapMb.toFixed(0)} MB`);
    }
  }
  await store.close();
}
