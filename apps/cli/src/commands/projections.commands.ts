import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  allProjections,
  createGeneration,
  generationsOf,
  migrateRunnerTables,
  openReadModelDb,
  ProjectionRunner,
  projectionStatus,
  retryParked,
  skipParked,
  UnknownProjectionError,
  type AnyProjection,
  type ReadModelDb,
} from '@itil/read-models';
import type { GlobalOptions } from '../cli-context';
import { actorOf } from '../cli-context';
import type { CommandRuntime } from './lifecycles.commands';
import { json } from './options';

interface ReadModelOptions {
  readModels?: string;
}

const n = (value: number) => value.toLocaleString('en-US');

/** `projections ...`: the operator's view of the read side: status, rebuild, and decisions on parked events. */
export function registerProjectionCommands(program: Command, rt: CommandRuntime): void {
  const { io } = rt;
  const projections = program
    .command('projections')
    .description('Read-model projections: status (checkpoint, lag, parked events), rebuild, retry or skip a parked event')
    .option('--read-models <file>', 'SQLite read-model file (env READ_MODEL_FILE; default beside the store); env READ_MODEL_DATABASE_URL selects PostgreSQL');

  const openRm = async (command: Command): Promise<ReadModelDb> => {
    const options = command.optsWithGlobals<GlobalOptions & ReadModelOptions>();
    const path = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
    const store = path(options.store ?? io.env.EVENT_STORE_FILE ?? './data/events.db');
    const rm = openReadModelDb({ url: io.env.READ_MODEL_DATABASE_URL, file: path(options.readModels ?? io.env.READ_MODEL_FILE ?? join(dirname(store), 'read-models.db')) });
    await migrateRunnerTables(rm.db);
    return rm;
  };
  const named = (name: string): AnyProjection => {
    const all = allProjections();
    const projection = all.find((p) => p.name === name);
    if (!projection) throw new UnknownProjectionError(name, all.map((p) => p.name));
    return projection;
  };

  projections
    .command('status')
    .description('Each projection: live and building generation, checkpoint, lag in events and seconds, lease holder, parked events')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const rm = await openRm(command);
        try {
          const status = await projectionStatus(rm, ctx.store, allProjections());
          if (opts.json) return io.out(json(status));
          for (const s of status) {
            const g = s.live;
            const lag = g ? `${g.lagEventsCapped ? '>' : ''}${n(g.lagEvents)} events, ${g.lagSeconds.toFixed(1)} s behind` : 'never run';
            io.out(`${s.name.padEnd(10)} v${s.codeVersion}  ${g ? `generation ${g.generation} (v${g.version}) at ${g.position ?? 'start'}, ${n(g.eventsSeen)} events seen, ${lag}` : lag}`);
            if (s.building) io.out(`           rebuilding: generation ${s.building.generation} (v${s.building.version}) at ${s.building.position ?? 'start'}, ${n(s.building.eventsSeen)} events, ${n(s.building.lagEvents)} to go`);
            io.out(`           lease: ${s.lease.holder ? `${s.lease.holder} until ${s.lease.expiresAt}` : 'free'}`);
            for (const p of s.parked) io.out(`           PARKED ${p.event_type} ${p.event_id} on ${p.stream_id} at ${BigInt(p.position)} after ${p.attempts} attempts: ${p.error.split('\n')[0]}`);
          }
          if (status.some((s) => s.parked.length > 0)) rt.setExitCode(1);
        } finally {
          await rm.close();
        }
      }),
    );

  projections
    .command('rebuild')
    .description('Rebuild a projection from zero into new tables beside the live ones; queries switch when it has caught up')
    .argument('<name>', allProjections().map((p) => p.name).join(' or '))
    .option('--batch-size <n>', 'events per read of the log (a transaction spans pages while catching up)', (v) => Number(v), 500)
    .action(async (name: string, opts: { batchSize: number }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const projection = named(name);
        const rm = await openRm(command);
        const holder = `cli:${actorOf(command.optsWithGlobals<GlobalOptions>(), io)}:${process.pid}`;
        const head = (await ctx.store.headPosition()) ?? 0n;
        const bar = new SingleBar({ stream: io.progressStream, format: `rebuild ${name} |{bar}| {percentage}% | {events} events | {rate} events/s`, noTTYOutput: true, notTTYSchedule: 500 }, Presets.shades_classic);
        const started = Date.now();
        let events = 0;
        const show = (position: bigint | null, seen: number) => {
          events = seen;
          const rate = Math.round(seen / Math.max((Date.now() - started) / 1000, 0.001));
          bar.update(Math.min(Number(position ?? 0n), Number(head)), { events: n(seen), rate: n(rate) });
        };
        bar.start(Math.max(Number(head), 1), 0, { events: '0', rate: '0' });
        try {
          const gen = await createGeneration(rm, projection, new Date().toISOString());
          const runner = new ProjectionRunner({ store: ctx.store, rm, projection, holder, batchSize: opts.batchSize, onProgress: (p) => p.generation === gen.generation && show(p.position, p.eventsSeen) });
          if (await runner.acquire()) {
            const outcome = await runner.catchUp();
            await runner.release();
            if (outcome !== 'caught-up') throw new Error(`rebuild of ${name} stopped: ${outcome} (see 'projections status')`);
          } else {
            // A projector holds the lease: it builds the new generation itself; watch it.
            io.err(`${name}: a running projector holds the lease; it is building generation ${gen.generation}, watching`);
            for (;;) {
              const g = (await generationsOf(rm.db, name)).find((x) => x.generation === gen.generation)!;
              show(g.position === null ? null : BigInt(g.position), g.events_seen);
              if (g.role !== 'building') break;
              if (g.parked) throw new Error(`rebuild of ${name} parked an event (see 'projections status')`);
              await new Promise((r) => setTimeout(r, 200));
            }
          }
          bar.update(Math.max(Number(head), 1));
          bar.stop();
          const seconds = (Date.now() - started) / 1000;
          io.out(`${name}: generation ${gen.generation} (v${projection.version}) rebuilt and live: ${n(events)} events in ${seconds.toFixed(2)} s, ${n(Math.round(events / Math.max(seconds, 0.001)))} events/s`);
        } finally {
          bar.stop();
          await rm.close();
        }
      }),
    );

  for (const decision of ['retry', 'skip'] as const) {
    projections
      .command(decision)
      .description(decision === 'retry' ? 'Try the parked event of a projection again (after fixing the cause)' : 'Go past the parked event without applying it (recorded with who decided)')
      .argument('<name>')
      .action(async (name: string, _opts: object, command: Command) => {
        named(name);
        const rm = await openRm(command);
        try {
          const by = actorOf(command.optsWithGlobals<GlobalOptions>(), io);
          const parked = await (decision === 'retry' ? retryParked : skipParked)(rm.db, name, by, new Date().toISOString());
          io.out(`${name}: ${decision === 'retry' ? 'will retry' : 'skipped'} ${parked.event_type} ${parked.event_id} at ${BigInt(parked.position)} (decided by ${by})`);
        } finally {
          await rm.close();
        }
      });
  }
}
