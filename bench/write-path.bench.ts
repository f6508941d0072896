/**
 * The write path against its limit and its peer, in one run (issue 21): the raw better-sqlite3
 * loop (the limit), this engine sequential and with 50 concurrent callers (group commit), and
 * Emmett's SQLite store in its fastest configuration, at both durabilities. Three interleaved
 * rounds (BENCH_ROUNDS); medians with min..max; a Markdown table on the terminal and
 * bench/results/write-path.json with the machine it ran on.
 */
import type { Durability } from '@itil/event-store';
import { interleaved, type Contender } from './support/repetitions';
import { markdownTable, machine, writeResults } from './support/results';
import { emmett } from './write-path/emmett-peer';
import { engine, type EngineRun } from './write-path/engine';
import { rawLoop } from './write-path/raw-loop';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CALLERS = 50;
const RAW = 'raw better-sqlite3 loop: select, fold, check, insert (the limit)';

export async function run(): Promise<void> {
  const tables = [];
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
        notes: () => sequential && `p50 ${sequential.p50.toFixed(2)} ms, p99 ${sequential.p99.toFixed(2)} ms`,
      },
      {
        label: `engine, ${CALLERS} concurrent callers (group commit)`,
        baseline: RAW,
        run: async () => (concurrent = await engine(durability, INCIDENTS, CALLERS)).perSecond,
        notes: () => concurrent && `p50 ${concurrent.p50.toFixed(2)} ms, p99 ${concurrent.p99.toFixed(2)} ms`,
      },
      { label: 'Emmett 0.42 SQLite, one shared connection (peer)', baseline: RAW, run: () => emmett(durability, INCIDENTS) },
    ];
    const figures = await interleaved(contenders, ROUNDS, (text) => process.stdout.write(`\r  ${durability}: ${text}`.padEnd(100)));
    process.stdout.write('\n');
    const emmettFigure = figures.find((f) => f.label.startsWith('Emmett'))!;
    for (const f of figures.filter((f) => f.label.startsWith('engine'))) f.note = `${f.note}; ${(f.median / emmettFigure.median).toFixed(1)}x Emmett`;
    const title = `Write path, durability=${durability} (commands/s)`;
    console.log(markdownTable(title, figures));
    tables.push({ title, unit: '/s', figures });
  }
  console.log(`\nwritten: ${writeResults('write-path', tables, { incidents: INCIDENTS, rounds: ROUNDS, callers: CALLERS })}`);
}
