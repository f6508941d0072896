import { writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatDiff, formatFindings, formatMigration, formatWhatIf, latestOf, validateLifecycle, MigrationNotAllowedError, type DefinitionRef } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import { EXIT, UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import type { CliContext } from '../cli-context';
import { scanProgress } from '../progress';
import { collect, definitionRef, instant, integer, json, mappingPair, readDefinition } from './options';

export interface CommandRuntime {
  io: CliIo;
  /** Runs work with an open store and catalog, closing them after. */
  withContext<T>(command: Command, work: (ctx: CliContext) => Promise<T>): Promise<T>;
  setExitCode(code: number): void;
}

const n = (value: number) => value.toLocaleString('en-US');

/** `lifecycles ...`: the process owner's commands, the same use cases as the HTTP endpoints. */
export function registerLifecycleCommands(program: Command, rt: CommandRuntime): void {
  const { io } = rt;
  const lifecycles = program.command('lifecycles').description('Versioned lifecycles of the ITIL processes: validate, draft, what-if, publish, diff, diagram, migrate');

  lifecycles
    .command('list')
    .description('Every process with its live version and open drafts')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const list = await ctx.admin.processes();
        if (opts.json) return io.out(json(list));
        for (const p of list) io.out(`${p.process.padEnd(18)} v${p.liveVersion}  published ${p.publishedAt} by ${p.publishedBy}${p.openDrafts.length ? `  open drafts: ${p.openDrafts.join(', ')}` : ''}`);
      }),
    );

  lifecycles
    .command('history')
    .description('Versions and drafts of one process')
    .argument('<process>')
    .option('--json', 'machine-readable output')
    .action(async (process: string, opts: { json?: boolean }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const h = await ctx.admin.history(process);
        const versions = h.versions.map(({ definition: _d, ...v }) => v);
        const drafts = h.drafts.map(({ definition: _d, ...d }) => d);
        if (opts.json) return io.out(json({ process, versions, drafts }));
        for (const v of versions) io.out(`v${v.version}  ${v.publishedAt}  ${v.author}  ${v.contentHash.slice(0, 19)}  ${v.notes}`);
        for (const d of drafts) io.out(`draft ${d.draft} (${d.status}, based on v${d.basedOnVersion})  ${d.proposedAt}  ${d.author}  ${d.notes}`);
      }),
    );

  lifecycles
    .command('show')
    .description('Print a version (default: the live one) or a draft as JSON')
    .argument('<process>')
    .argument('[ref]', 'v3, draft:2 (default: live)')
    .action(async (process: string, ref: string | undefined, _opts: object, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const resolved = await ctx.admin.resolve(process, await refOrLive(ctx, process, ref, io));
        io.out(json(resolved.definition));
      }),
    );

  lifecycles
    .command('validate')
    .description('Validate a definition file; exits 1 when it has errors (no store needed)')
    .argument('<file>')
    .option('--process <process>', 'the process the file must be for')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { process?: string; json?: boolean }) => {
      const result = validateLifecycle(readDefinition(file, io), { guards: Object.keys(ALL_GUARDS), actions: ALL_ACTION_NAMES, process: opts.process });
      if (opts.json) io.out(json({ valid: result.valid, findings: result.findings }));
      else if (result.findings.length === 0) io.out(`${file}: valid, no findings`);
      else io.out(`${file}: ${result.valid ? 'valid, with warnings' : 'INVALID'}\n${formatFindings(result.findings)}`);
      if (!result.valid) rt.setExitCode(EXIT.refused);
    });

  lifecycles
    .command('draft')
    .description('Save a definition file as a draft of the process (it changes nothing live)')
    .argument('<process>')
    .argument('<file>')
    .option('--notes <text>', 'what the draft changes, and why')
    .action(async (process: string, file: string, opts: { notes?: string }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const saved = await ctx.admin.proposeDraft(process, readDefinition(file, io), { actor: ctx.actor, source: 'cli' }, opts.notes);
        if (saved.draft) io.out(`${saved.created ? 'Saved' : 'Already saved as'} draft ${saved.draft.draft} of ${process} (based on v${saved.draft.basedOnVersion})`);
        else io.out(`Nothing saved: this is the live version of ${process}`);
        if (saved.validation.findings.length) io.out(formatFindings(saved.validation.findings));
      }),
    );

  lifecycles
    .command('discard')
    .description('Discard an open draft')
    .argument('<process>')
    .argument('<draft>', 'draft number', integer)
    .requiredOption('--reason <text>')
    .action(async (process: string, draft: number, opts: { reason: string }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        await ctx.admin.discardDraft(process, draft, opts.reason, { actor: ctx.actor, source: 'cli' });
        io.out(`Discarded draft ${draft} of ${process}`);
      }),
    );

  lifecycles
    .command('what-if')
    .description('Replay the recorded transitions of existing tickets against a draft (guards are not re-run)')
    .argument('<process>')
    .argument('<ref>', 'a definition file, draft:N or vN')
    .option('--state <state>', 'only tickets now in this state (repeatable)', collect)
    .option('--opened-from <instant>', 'only tickets opened at or after', instant)
    .option('--opened-before <instant>', 'only tickets opened before', instant)
    .option('--pinned <version>', 'only tickets pinned to this version (repeatable)', (v: string, p: number[] = []) => [...p, integer(v)])
    .option('--in-flight', 'only tickets not in a final state')
    .option('--check-guards', 'also run guards on the recorded data (opt-in: history is facts)')
    .option('--limit <n>', 'per-ticket detail for at most n affected tickets', integer, 1000)
    .option('--page-size <n>', 'events per $all page', integer, 5000)
    .option('--json', 'machine-readable output (the throughput line goes to stderr)')
    .option('--fail-on-impact', 'exit 3 when any history is rejected or any ticket stranded')
    .action(async (process: string, refArg: string, opts: WhatIfFlags, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const progress = scanProgress(io, 'what-if');
        let report;
        try {
          report = await ctx.admin.whatIf(process, definitionRef(refArg, io), {
            filter: { states: opts.state, openedFrom: opts.openedFrom, openedBefore: opts.openedBefore, versions: opts.pinned, inFlightOnly: opts.inFlight },
            checkGuards: opts.checkGuards,
            detailLimit: opts.limit,
            pageSize: opts.pageSize,
            onProgress: progress.onProgress,
          });
        } finally {
          progress.stop();
        }
        const s = report.stats;
        if (opts.json) {
          io.out(json(report));
          io.err(`what-if: ${n(report.totals.tickets)} tickets, ${n(s.eventsRead)} events in ${(s.elapsedMs / 1000).toFixed(2)} s: ${n(s.ticketsPerSecond)} tickets/s, ${n(s.eventsPerSecond)} events/s`);
        } else {
          if (!report.validation.valid) io.out(`Note: ${report.definition} has ${report.validation.errors.length} validation error(s); publishing it would be refused.\n`);
          io.out(formatWhatIf(report, { maxTickets: Math.min(opts.limit, 20) }));
        }
        if (opts.failOnImpact && report.totals.affected > 0) rt.setExitCode(EXIT.impact);
      }),
    );

  lifecycles
    .command('publish')
    .description('Publish a definition file or a draft as the next version; new tickets get it, tickets in flight keep theirs')
    .argument('<process>')
    .argument('<ref>', 'a definition file or draft:N')
    .requiredOption('--expected-version <n>', 'the live version you reviewed (refused if someone published since)', integer)
    .option('--notes <text>', 'release notes for the version')
    .action(async (process: string, refArg: string, opts: { expectedVersion: number; notes?: string }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const ref = definitionRef(refArg, io);
        if (ref.version !== undefined) throw new UsageError('publish takes a definition file or draft:N, not a version');
        const v = await ctx.admin.publish(process, { definition: ref.definition, draft: ref.draft, expectedVersion: opts.expectedVersion, notes: opts.notes }, { actor: ctx.actor, source: 'cli' });
        io.out(`Published ${process} v${v.version} (${v.contentHash})`);
      }),
    );

  lifecycles
    .command('diff')
    .description('States and transitions added and removed, changed guards and meta, between two versions, drafts or files')
    .argument('<process>')
    .argument('<from>', 'vN, draft:N or a file')
    .argument('<to>', 'vN, draft:N, a file, or live')
    .option('--json', 'machine-readable output')
    .action(async (process: string, from: string, to: string, opts: { json?: boolean }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const diff = await ctx.admin.diff(process, await refOrLive(ctx, process, from, io), await refOrLive(ctx, process, to, io));
        io.out(opts.json ? json(diff) : formatDiff(diff));
      }),
    );

  lifecycles
    .command('diagram')
    .description('Draw a version, draft or file as Mermaid stateDiagram-v2 or SVG')
    .argument('<process>')
    .argument('[ref]', 'vN, draft:N or a file (default: live)')
    .option('--format <format>', 'mmd or svg', 'svg')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (process: string, ref: string | undefined, opts: { format: string; out?: string }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        if (opts.format !== 'mmd' && opts.format !== 'svg') throw new UsageError(`--format must be mmd or svg (got '${opts.format}')`);
        const text = await ctx.admin.diagram(process, await refOrLive(ctx, process, ref, io), opts.format);
        if (!opts.out) return io.out(text);
        writeFileSync(isAbsolute(opts.out) ? opts.out : resolve(io.cwd, opts.out), text);
        io.out(`Wrote ${opts.out}`);
      }),
    );

  lifecycles
    .command('migrate')
    .description('Move tickets in flight from one version to another with an explicit state mapping (a dry run unless --apply)')
    .argument('<process>')
    .requiredOption('--from <version>', 'the version the tickets are on', integer)
    .requiredOption('--to <version>', 'the version to move them to', integer)
    .option('--map <old=new>', 'state mapping (repeatable); unmapped states keep their name', mappingPair, {})
    .option('--apply', 'write the migration events (default: dry run)')
    .option('--reason <text>', 'recorded on every migration event')
    .option('--limit <n>', 'tickets listed in the text output', integer, 50)
    .option('--json', 'machine-readable output (every ticket)')
    .action(async (process: string, opts: MigrateFlags, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const progress = scanProgress(io, opts.apply ? 'migrate' : 'dry run');
        let report;
        try {
          report = await ctx.admin.migrate(process, { fromVersion: opts.from, toVersion: opts.to, mapping: opts.map, dryRun: !opts.apply, reason: opts.reason }, { actor: ctx.actor, source: 'cli' }, { onProgress: progress.onProgress });
        } catch (error) {
          // Name the tickets that would be left invalid, so the owner can fix them or the mapping.
          if (error instanceof MigrationNotAllowedError && error.invalidTickets.length > 0) {
            progress.stop();
            const listed = error.invalidTickets.slice(0, opts.limit);
            io.err(['Tickets that would lack required fields:', ...listed.map((t) => `  ${t.streamId}: ${t.fromState} -> ${t.toState} without ${t.missingFields.join(', ')}`)].join('\n'));
            if (error.strandedTickets > listed.length) io.err(`  ... and ${error.strandedTickets - listed.length} more`);
          }
          throw error;
        } finally {
          progress.stop();
        }
        io.out(opts.json ? json(report) : formatMigration(report, { maxTickets: opts.limit }));
        if (report.totals.failed > 0) rt.setExitCode(EXIT.refused);
      }),
    );
}


interface WhatIfFlags {
  state?: string[];
  openedFrom?: string;
  openedBefore?: string;
  pinned?: number[];
  inFlight?: boolean;
  checkGuards?: boolean;
  limit: number;
  pageSize: number;
  json?: boolean;
  failOnImpact?: boolean;
}

interface MigrateFlags {
  from: number;
  to: number;
  map: Record<string, string>;
  apply?: boolean;
  reason?: string;
  limit: number;
  json?: boolean;
}

async function refOrLive(ctx: CliContext, process: string, arg: string | undefined, io: CliIo): Promise<DefinitionRef> {
  if (arg === undefined || arg === 'live') return { version: latestOf(await ctx.admin.history(process))!.version };
  return definitionRef(arg, io);
}
