/**
 * One measurement of the rebuild bench, in a process of its own so that its peak resident set
 * (the kernel's high-water mark, `maxRSS`) is the rebuild's alone, not the fixture generator's.
 * argv: <store file> <raw | tickets | csi | all> <sqlite | postgres> <page size> [events per
 * transaction, the runner's default when not given]. Prints one JSON line on stdout; progress goes
 * to stderr. The bench runs it built (plain node); `npx tsx` runs it as it is.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readAllPages, SqliteEventStore, type EventStore } from '@itil/event-store';
import { allProjections, migrateRunnerTables, openReadModelDb, ProjectionRunner, type AnyProjection } from '@itil/read-models';
import { createPgDatabase } from '@itil/read-models/test-support/pg-database';
import { tempDbFile } from '../bench-support';

export interface WorkerResult {
  events: number;
  seconds: number;
  perSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const [file, mode, engine = 'sqlite', batch = '500', maxBatch] = process.argv.slice(2);
const progress = (text: string) => process.stderr.write(`\r    ${text}`.padEnd(90));

async function raw(store: EventStore): Promise<{ events: number; seconds: number }> {
  const start = process.hrtime.bigint();
  let events = 0;
  for await (const page of readAllPages(store, { pageSize: Number(batch) })) {
    events += page.length;
    if (events % 100_000 < page.length) progress(`raw $all: ${events.toLocaleString('en-US')} events read`);
  }
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/**
 * Every projection from zero into a fresh read-model database, one after the other (as
 * `projections rebuild` does). Timed from the first batch: creating the database is not rebuilding.
 */
async function rebuild(store: EventStore, projections: AnyProjection[]): Promise<{ events: number; seconds: number }> {
  const pg = engine === 'postgres' ? await createPgDatabase() : undefined;
  const scratch = pg ? undefined : dirname(tempDbFile('rebuild-rm'));
  const rm = openReadModelDb(pg ? { url: pg.url } : { file: join(scratch!, 'read-models.db') });
  try {
    await migrateRunnerTables(rm.db);
    let events = 0;
    let seconds = 0;
    for (const projection of projections) {
      let seen = 0;
      const runner = new ProjectionRunner({
        store,
        rm,
        projection,
        holder: 'bench',
        batchSize: Number(batch),
        maxBatchEvents: maxBatch === undefined ? undefined : Number(maxBatch),
        onProgress: (p) => {
          if (Math.floor(p.eventsSeen / 50_000) !== Math.floor(seen / 50_000)) progress(`rebuild ${projection.name}: ${p.eventsSeen.toLocaleString('en-US')} events`);
          seen = p.eventsSeen;
        },
      });
      await runner.acquire();
      await runner.target();
      const start = process.hrtime.bigint();
      const outcome = await runner.catchUp();
      seconds += Number(process.hrtime.bigint() - start) / 1e9;
      if (outcome !== 'caught-up') throw new Error(`${projection.name}: ${outcome}`);
      // All together: the log's events over the time to rebuild every projection from it.
      events = Math.max(events, seen);
    }
    return { events, seconds };
  } finally {
    await rm.close();
    await pg?.drop();
    // A 1M-event rebuild leaves about 0.5 GB of read models: not kept.
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const store = new SqliteEventStore({ file, durability: 'normal' });
  let heap = 0;
  const sampler = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 50);
  const projections = allProjections().filter((p) => mode === 'all' || p.name === mode);
  if (mode !== 'raw' && projections.length === 0) throw new Error(`no projection ${mode}`);
  const { events, seconds } = mode === 'raw' ? await raw(store) : await rebuild(store, projections);
  clearInterval(sampler);
  heap = Math.max(heap, process.memoryUsage().heapUsed);
  await store.close();
  process.stderr.write('\r'.padEnd(91) + '\r');
  const result: WorkerResult = { events, seconds, perSecond: events / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: heap / 2 ** 20 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
