/**
 * Projection rebuild (issue 18): rebuild events/s per projection and for all of them, next to
 * the raw `$all` paging rate of the same store in the same run, and each run's peak resident set
 * (the log is streamed in pages, never loaded). Two logs of the same tickets: every ticket open for
 * the whole log (its events spread from start to end: the worst case for a batch, whose events are
 * all different tickets), and a service desk's shape, 1,000 tickets open at a time. Interleaved
 * rounds; each measurement runs in a process of its own (bench/projection-rebuild/rebuild-worker.ts,
 * built with esbuild and run by plain node, as the built projector runs), so its peak RSS is its own.
 *
 *   npm run bench -- projection-rebuild                      ~46k events per log, 3 rounds (3-4 minutes)
 *   npm run bench -- projection-rebuild --events 1000000     the 1M-event logs, 1 round
 *   options: --rounds N, --batch N (events per page), --pg (also into PostgreSQL at
 *   127.0.0.1, READ_MODEL_TEST_PG_URL); env BENCH_REBUILD_EVENTS, BENCH_ROUNDS.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { SqliteEventStore } from '@itil/event-store';
import { generateIncidentFixture, INCIDENT_SHAPES } from '@itil/incident/testing/incident-fixture';
import { EventWriter } from '@itil/read-models/test-support/ticket-events';
import { fmt, tempDbFile } from './bench-support';
import type { WorkerResult } from './projection-rebuild/rebuild-worker';
import { interleaved, type Contender, type Figure } from './support/repetitions';
import { machine, markdownTable, writeResults } from './support/results';
const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const EVENTS = Number(argValue('events') ?? process.env.BENCH_REBUILD_EVENTS ?? 46_000);
const ROUNDS = Number(argValue('rounds') ?? process.env.BENCH_ROUNDS ?? (EVENTS > 200_000 ? 1 : 3));
const BATCH = Number(argValue('batch') ?? 500);
const PG = process.argv.includes('--pg');
const MEMORY_GOAL_MB = 256;

/** Events per ticket of the fixture (its shapes, plus a note on every 7th ticket). */
const EVENTS_PER_TICKET = (() => {
  const cycle = INCIDENT_SHAPES.flatMap((s) => Array.from({ length: s.weight }, () => s.steps.length + 1));
  return cycle.reduce((a, b) => a + b, 0) / cycle.length + 1 / 7;
})();

/** The worker as plain JavaScript: tsx's loader alone holds ~45 MB, which no built process carries. */
function buildWorker(): string {
  const root = join(__dirname, '..');
  const outfile = join(root, 'dist', 'bench', 'rebuild-worker.js');
  buildSync({ entryPoints: [join(__dirname, 'projection-rebuild', 'rebuild-worker.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', tsconfig: join(root, 'tsconfig.json'), outfile, logLevel: 'warning' });
  return outfile;
}

const run$ = promisify(execFile);
async function measure(worker: string, file: string, mode: string, engine: string, maxBatchEvents?: number): Promise<WorkerResult> {
  const child = run$(process.execPath, [worker, file, mode, engine, String(BATCH), ...(maxBatchEvents ? [String(maxBatchEvents)] : [])], { maxBuffer: 1 << 20 });
  child.child.stderr?.pipe(process.stderr);
  const { stdout } = await child;
  return JSON.parse(stdout.trim().split('\n').pop()!) as WorkerResult;
}

/** The two logs: the same tickets, every one open throughout, or a service desk's waves. */
const LOGS = [
  { key: 'all-open', title: 'every ticket open for the whole log', openAtOnce: undefined },
  { key: 'waves', title: '1,000 tickets open at a time', openAtOnce: 1_000 },
] as const;

async function generate(tickets: number, openAtOnce: number | undefined): Promise<{ file: string; events: number }> {
  const file = tempDbFile('rebuild');
  const store = new SqliteEventStore({ file, durability: 'normal' });
  await new EventWriter(store).publishLifecycle('incident');
  const generated = await generateIncidentFixture(store, {
    count: tickets,
    openAtOnce,
    onProgress: (written, total) => process.stdout.write(`\r  generating the log: ${fmt(written)} / ${fmt(total)} events`.padEnd(90)),
  });
  await store.close();
  return { file, events: generated.events + 1 };
}

export async function run(): Promise<void> {
  const worker = buildWorker();
  const tickets = Math.ceil(EVENTS / EVENTS_PER_TICKET);
  const tables: { title: string; unit: string; figures: Figure[] }[] = [];
  const extra: Record<string, unknown> = { tickets, rounds: ROUNDS, batchSize: BATCH, memoryGoalMb: MEMORY_GOAL_MB };
  for (const log of LOGS) {
    const { file, events } = await generate(tickets, log.openAtOnce);
    console.log(`\r  projection rebuild, ${log.title}: embedded store with ${fmt(events)} events (${fmt(tickets)} incidents), pages of ${BATCH}, ${ROUNDS} round(s)`.padEnd(90));
    const RAW = 'raw $all paging (readAllPages, JSON parsed): the limit';
    const last = new Map<string, WorkerResult>();
    const contender = (label: string, mode: string, engine = 'sqlite', baseline?: string, maxBatchEvents?: number): Contender => ({
      label,
      baseline,
      run: async () => {
        const r = await measure(worker, file, mode, engine, maxBatchEvents);
        last.set(label, r);
        return r.perSecond;
      },
      notes: () => {
        const r = last.get(label)!;
        return `peak RSS ${r.peakRssMb.toFixed(0)} MB, heap ${r.peakHeapMb.toFixed(0)} MB, ${r.seconds.toFixed(1)} s`;
      },
    });
    const contenders: Contender[] = [contender(RAW, 'raw')];
    for (const engine of PG ? ['sqlite', 'postgres'] : ['sqlite']) {
      const into = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      contenders.push(contender(`rebuild tickets into ${into}`, 'tickets', engine, RAW));
      // The same with a transaction per page (the runner before batches spanned pages).
      contenders.push(contender(`rebuild tickets into ${into}, a page per transaction`, 'tickets', engine, RAW, BATCH));
      contenders.push(contender(`rebuild csi into ${into}`, 'csi', engine, RAW));
      // All together, as `projections rebuild` of each in turn: the log's events over the sum of
      // this round's two rebuild times (measured above, not run a third time).
      const parts = [`rebuild tickets into ${into}`, `rebuild csi into ${into}`];
      contenders.push({
        label: `rebuild all projections into ${into}, one after the other (log events/s)`,
        baseline: RAW,
        run: async () => events / parts.reduce((sum, label) => sum + last.get(label)!.seconds, 0),
        notes: () => `${parts.reduce((sum, label) => sum + last.get(label)!.seconds, 0).toFixed(1)} s: the two rebuilds above`,
      });
    }
    const figures = await interleaved(contenders, ROUNDS, (text) => console.log(`  ${text}`));
    const peakRssMb = Math.max(...[...last.entries()].filter(([label]) => label !== RAW).map(([, r]) => r.peakRssMb));
    const title = `Projection rebuild from ${fmt(events)} events, ${log.title} (events/s; ratio to the raw $all read of the same store)`;
    console.log(markdownTable(title, figures));
    console.log(`\n  peak RSS of a rebuild: ${peakRssMb.toFixed(0)} MB (goal: under ${MEMORY_GOAL_MB} MB)`);
    tables.push({ title, unit: '/s', figures });
    extra[log.key] = { events, peakRssMb };
    rmSync(dirname(file), { recursive: true, force: true });
  }
  console.log(`  machine ${JSON.stringify(machine())}`);
  // The default run and the 1M-event memory run are kept side by side.
  const written = writeResults(EVENTS >= 1_000_000 ? 'projection-rebuild-1m' : 'projection-rebuild', tables, extra);
  console.log(`  written: ${written}`);
}
