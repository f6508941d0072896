import { randomUUID } from 'node:crypto';
import { CommandPipeline, randomIds } from '@itil/engine';
import { SqliteEventStore, type Durability, type GroupCommitStats } from '@itil/event-store';
import { createIncidentDecider, incidentStream, type IncidentCommand } from '@itil/incident';
import { ALL_GUARDS } from '@itil/processes';
import { LifecycleCatalog, readMachineFiles } from '@itil/workflow';
import { join } from 'node:path';
import { tempDbFile } from '../bench-support';
import { dataOf, schedule, type Step } from './workload';

const COMMAND_OF: Record<Step, IncidentCommand['type']> = {
  log: 'LogIncident',
  assign: 'AssignIncident',
  start: 'StartWorkOnIncident',
  comment: 'CommentOnIncident',
  resolve: 'ResolveIncident',
};

/** Writes per committed transaction, over the transactions of one run. */
export interface BatchSizes {
  transactions: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

export interface EngineRun {
  perSecond: number;
  /** Per-command latency in ms (p50, p99), measured around each pipeline call. */
  p50: number;
  p99: number;
  batches: BatchSizes;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function batchSizesOf(stats: GroupCommitStats): BatchSizes {
  const sizes = [...stats.batchSizes.entries()].sort(([a], [b]) => a - b);
  const at = (p: number): number => {
    let seen = 0;
    for (const [size, count] of sizes) if ((seen += count) > (p / 100) * stats.transactions) return size;
    return sizes.at(-1)?.[0] ?? 0;
  };
  return { transactions: stats.transactions, mean: stats.writes / Math.max(1, stats.transactions), p50: at(50), p99: at(99), max: sizes.at(-1)?.[0] ?? 0 };
}

export const describeBatches = (b: BatchSizes): string =>
  `batch writes/txn mean ${b.mean.toFixed(1)}, p50 ${b.p50}, p99 ${b.p99}, max ${b.max} (${b.transactions} txns)`;

/**
 * This engine's command pipeline (load through its fold cache, fold, decide with the XState
 * lifecycle, envelope with hash chain, append with the revision check) on the embedded store.
 * `callers` concurrent callers each own their share of the incidents, so group commit can batch.
 * `file` is an existing store file (a pre-filled log, for the growth runs); a fresh one otherwise.
 */
export async function engine(durability: Durability, incidents: number, callers = 1, file = tempDbFile('engine')): Promise<EngineRun> {
  const store = new SqliteEventStore({ file, durability });
  const catalog = LifecycleCatalog.fromConfigs(readMachineFiles(join(__dirname, '..', '..', 'state-machines')), ALL_GUARDS);
  const decider = createIncidentDecider(catalog);
  const pipeline = new CommandPipeline(store, randomIds);
  const ids = Array.from({ length: incidents }, () => randomUUID());
  const work = [...schedule(incidents)];
  const latencies: number[] = [];
  const send = async (incident: number, step: Step) => {
    const incidentId = ids[incident];
    const command = { type: COMMAND_OF[step], data: dataOf(step, incidentId), metadata: { now: new Date(), actor: 'bench' } } as IncidentCommand;
    const t0 = process.hrtime.bigint();
    await pipeline.run(decider, incidentStream(incidentId), command);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  const start = process.hrtime.bigint();
  if (callers === 1) {
    for (const { incident, step } of work) await send(incident, step);
  } else {
    // Caller c owns incidents c, c+callers, ...; it walks the same step-major schedule.
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        for (const { incident, step } of work) if (incident % callers === c) await send(incident, step);
      }),
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const batches = batchSizesOf(store.groupCommitStats());
  await store.close();
  latencies.sort((a, b) => a - b);
  return { perSecond: work.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), batches };
}
