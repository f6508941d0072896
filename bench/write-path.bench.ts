/**
 * The write path against its limit and its peer, in one run (issue 21): the raw better-sqlite3
 * loop (the limit), this engine sequential and with 50 concurrent callers (group commit, with the
 * batch sizes it reached), and Emmett's SQLite store in its fastest configuration, at both
 * durabilities. Three interleaved rounds (BENCH_ROUNDS); medians with min..max. Then the growth
 * runs: the same contenders on logs already holding 10k and 100k events (1M with --growth-1m),
 * with peak RSS. A Markdown table per comparison on the terminal and bench/results/write-path.json.
 *
 * Flags (after `npm run bench -- write-path`): --growth-1m (adds the 1M-event log, ~600 MB of
 * scratch file, minutes), --no-growth, --no-emmett (skips the peer, e.g. where it is not installed).
 */
import type { Durability } from '@itil/event-store';
import { interleaved, type Contender, type Figure } from './support/repetitions';
import { markdownTable, machine, writeResults } from './support/results';
import { emmett } from './write-path/emmett-peer';
import { describeBatches, engine, type EngineRun } from './write-path/engine';
import { GROWTH_1M, GROWTH_SIZES, growth } from './write-path/growth';
import { rawLoop } from './write-path/raw-loop';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CALLERS = 50;
const RAW = 'raw better-sqlite3 loop: select, fold, check, insert (the limit)';
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const latency = (run: EngineRun | undefined): string | undefined => run && `p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms`;

/**
 * CPU time per command (user + system, all threads, from process.cpuUsage) of each repetition:
 * on a shared machine it moves far less than the wall-clock rate, and it is what issue 21 counts
 * (an fsync waits, it does not burn CPU).
 */
function cpuMeter(commands: number) {
  const samples = new Map<string, number[]>();
  return {
    measure: (label: string, run: () => Promise<number>) => async (): Promise<number> => {
      const before = process.cpuUsage();
      const figure = await run();
      const used = process.cpuUsage(before);
      samples.set(label, [...(samples.get(label) ?? []), (used.user + used.system) / commands]);
      return figure;
    },
    median: (label: string): number | undefined => {
      const values = [...(samples.get(label) ?? [])].sort((a, b) => a - b);
      return values.length === 0 ? undefined : values[Math.floor(values.length / 2)];
    },
  };
}

export async function run(): Promise<void> {
  const tables: { title: string; unit: string; figures: Figure[] }[] = [];
  const withEmmett = !flag('no-emmett');
  const progress = (text: string): boolean => process.stdout.write(`\r  ${text}`.padEnd(100));
  console.log(`write path: ${INCIDENTS} incidents x 5 commands, ${ROUNDS} interleaved rounds, machine ${JSON.stringify(machine())}`);
  for (const durability of ['full', 'normal'] as Durability[]) {
    let concurrent: EngineRun | undefined;
    let sequential: EngineRun | undefined;
    const contenders: Contender[] = [
      { label: RAW, run: () => rawLoop(durability, INCIDENTS) },
      {
        label: 'engine, sequential (one command in flight)',
        baseline: RAW,
        run: async () => (sequential = await engine(durability, INCIDENTS)).perSecond,
        notes: () => latency(sequential),
      },
      {
        label: `engine, ${CALLERS} concurrent callers (group commit)`,
        baseline: RAW,
        run: async () => (concurrent = await engine(durability, INCIDENTS, CALLERS)).perSecond,
        notes: () => concurrent && `${latency(concurrent)}; ${describeBatches(concurrent.batches)}`,
        details: () => concurrent && { p50Ms: concurrent.p50, p99Ms: concurrent.p99, batchSizes: concurrent.batches },
      },
    ];
    if (withEmmett) contenders.push({ label: 'Emmett 0.42 SQLite, one shared connection (peer)', baseline: RAW, run: () => emmett(durability, INCIDENTS) });
    const cpu = cpuMeter(INCIDENTS * 5);
    for (const contender of contenders) {
      const { label, run, notes, details } = contender;
      contender.run = cpu.measure(label, run);
      contender.notes = () => [`CPU ${cpu.median(label)?.toFixed(0)} µs/command`, notes?.()].filter(Boolean).join('; ');
      contender.details = () => ({ cpuMicrosPerCommand: cpu.median(label), ...details?.() });
    }
    const figures = await interleaved(contenders, ROUNDS, (text) => progress(`${durability}: ${text}`));
    process.stdout.write('\n');
    const emmettFigure = figures.find((f) => f.label.startsWith('Emmett'));
    if (emmettFigure) for (const f of figures.filter((f) => f.label.startsWith('engine'))) f.note = `${f.note}; ${(f.median / emmettFigure.median).toFixed(1)}x Emmett`;
    const title = `Write path, durability=${durability} (commands/s)`;
    console.log(markdownTable(title, figures));
    tables.push({ title, unit: '/s', figures });
  }
  const sizes = flag('no-growth') ? [] : [...GROWTH_SIZES, ...(flag('growth-1m') ? [GROWTH_1M] : [])];
  if (sizes.length > 0) {
    const figures = await growth(sizes, 'full', INCIDENTS, CALLERS, progress);
    process.stdout.write('\n');
    const title = 'Write path on a grown log, durability=full (commands/s, one run each, own process)';
    console.log(markdownTable(title, figures));
    tables.push({ title, unit: '/s', figures });
  }
  console.log(`\nwritten: ${writeResults('write-path', tables, { incidents: INCIDENTS, rounds: ROUNDS, callers: CALLERS, growthSizes: sizes, emmett: withEmmett })}`);
}
