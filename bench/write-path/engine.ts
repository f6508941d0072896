import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { CommandPipeline, randomIds } from '@itil/engine';
import { SqliteEventStore, type Durability, type GroupCommitStats } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { ALL_GUARDS } from '@itil/processes';
import { createTicketDecider, emptySnapshot, streamOf, type TicketCommand } from '@itil/tickets';
import { LifecycleCatalog, readMachineFiles } from '@itil/workflow';
import { join } from 'node:path';
import { tempDbFile } from '../bench-support';
import { dataOf, schedule, type Step } from './workload';

const STATE_MACHINES = join(__dirname, '..', '..', 'state-machines');

/** Each step as the API sends it to the ticket engine (POST /incidents, /:id/assign, ...). */
function ticketCommandOf(step: Step, ticketId: string): Omit<TicketCommand, 'metadata' | 'references'> {
  const { incidentId: _id, ...input } = dataOf(step, ticketId);
  switch (step) {
    case 'log':
      return { type: 'OpenTicket', data: { ticketId, input } };
    case 'assign':
      return { type: 'MoveTicket', data: { ticketId, event: 'ASSIGN', input } };
    case 'start':
      return { type: 'MoveTicket', data: { ticketId, event: 'START_WORK', input } };
    case 'comment':
      return { type: 'CommentOnTicket', data: { ticketId, input } };
    case 'resolve':
      return { type: 'MoveTicket', data: { ticketId, event: 'RESOLVE', input } };
  }
}

/**
 * The reference data the assignment checks read (the group and its members), as the API's
 * TicketEngine hands it to decide after resolving it from its in-memory index.
 */
const REFERENCES = {
  ...emptySnapshot(),
  group: { network: { id: 'network', name: 'Network', members: ['raj'], active: true } },
  asked: ['group:network'],
};

/**
 * The incident lifecycle the API runs: the seed and every later version of state-machines/versions,
 * the latest opening new tickets. Built in memory (the API publishes them into its store on start),
 * so neither the clock nor the CPU measured around a run pays for it.
 */
function incidentCatalog(): LifecycleCatalog {
  const catalog = LifecycleCatalog.fromConfigs(readMachineFiles(STATE_MACHINES), ALL_GUARDS);
  const dir = join(STATE_MACHINES, 'versions', 'incident');
  const versions = readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).map((f) => Number.parseInt(f, 10)).sort((a, b) => a - b);
  for (const version of versions) catalog.add({ machineId: 'incident', version, contentHash: `sha256:bench-v${version}`, config: JSON.parse(readFileSync(join(dir, `${version}.json`), 'utf8')) });
  return catalog;
}

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
 * This engine's command pipeline with the ticket engine's decider for the incident process, as
 * the API runs it (load through its fold cache, fold, decide: field dictionary, policies such as
 * the priority matrix, the XState lifecycle; envelope with hash chain, append with the revision
 * check) on the embedded store.
 * `callers` concurrent callers each own their share of the incidents, so group commit can batch.
 * `file` is an existing store file (a pre-filled log, for the growth runs); a fresh one otherwise.
 */
export async function engine(durability: Durability, incidents: number, callers = 1, file = tempDbFile('engine')): Promise<EngineRun> {
  const store = new SqliteEventStore({ file, durability });
  const decider = createTicketDecider(incidentProcess, incidentCatalog());
  const pipeline = new CommandPipeline(store, randomIds);
  const ids = Array.from({ length: incidents }, () => randomUUID());
  const work = [...schedule(incidents)];
  const latencies: number[] = [];
  const send = async (incident: number, step: Step) => {
    const incidentId = ids[incident];
    const command = { ...ticketCommandOf(step, incidentId), metadata: { now: new Date(), actor: 'user:raj' }, references: REFERENCES } as TicketCommand;
    const t0 = process.hrtime.bigint();
    await pipeline.run(decider, streamOf(decider.def, incidentId), command, step === 'log' ? { newStream: true } : {});
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
