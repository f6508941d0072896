import type { Command } from 'commander';
import { randomIds, systemClock } from '@itil/engine';
import { SlaAdmin, SlaDocumentInvalidError, SlaScheduler, type SlaDocumentKind, type SlaFinding } from '@itil/sla';
import { EXIT, UsageError } from '../cli-errors';
import type { CliContext } from '../cli-context';
import type { CommandRuntime } from './lifecycles.commands';
import { integer, json, readDefinition } from './options';

const KINDS: Record<string, SlaDocumentKind> = { calendar: 'calendar', calendars: 'calendar', policy: 'policy', policies: 'policy' };
const kindOf = (value: string): SlaDocumentKind => {
  const kind = KINDS[value];
  if (!kind) throw new UsageError(`expected calendar or policy, got '${value}'`);
  return kind;
};

const formatFindings = (findings: SlaFinding[]): string => findings.map((f) => `error   ${f.path}  ${f.message} [${f.code}]`).join('\n');

/** `sla ...`: calendars and policies (validate, draft, publish, history), a ticket's SLA status, the scheduler. */
export function registerSlaCommands(program: Command, rt: CommandRuntime): void {
  const { io } = rt;
  const sla = program.command('sla').description('SLA calendars and policies as versions, ticket SLA status, the warning and breach scheduler');

  /** Runs with an SlaAdmin on the store; invalid documents print their findings and exit 1. */
  const withSla = <T>(command: Command, work: (admin: SlaAdmin, ctx: CliContext) => Promise<T>) =>
    rt.withContext(command, async (ctx) => {
      try {
        return await work(new SlaAdmin({ store: ctx.store, clock: systemClock, ids: randomIds }), ctx);
      } catch (error) {
        if (!(error instanceof SlaDocumentInvalidError)) throw error;
        io.err(`error [${error.code}]: the ${error.kind} ${error.documentName} is not valid\n${formatFindings(error.findings)}`);
        rt.setExitCode(EXIT.refused);
        return undefined;
      }
    });

  const documentOf = (file: string): unknown => {
    const text = readDefinition(file, io);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
    }
  };

  sla
    .command('list')
    .description('Published calendars or policies with their live versions')
    .argument('<kind>', 'calendar or policy')
    .option('--json', 'machine-readable output')
    .action(async (kind: string, opts: { json?: boolean }, command: Command) =>
      withSla(command, async (admin) => {
        const list = await admin.list(kindOf(kind));
        if (opts.json) return io.out(json(list));
        for (const d of list) io.out(`${d.name.padEnd(30)} v${d.liveVersion}`);
      }),
    );

  sla
    .command('validate')
    .description('Validate a calendar or policy file against the published calendars; exits 1 when it has findings')
    .argument('<kind>', 'calendar or policy')
    .argument('<file>')
    .option('--json', 'machine-readable output')
    .action(async (kind: string, file: string, opts: { json?: boolean }, command: Command) =>
      withSla(command, async (admin) => {
        const result = await admin.validate(kindOf(kind), documentOf(file));
        if (opts.json) io.out(json({ valid: result.valid, findings: result.findings }));
        else io.out(result.valid ? `${file}: valid` : `${file}: INVALID\n${formatFindings(result.findings)}`);
        if (!result.valid) rt.setExitCode(EXIT.refused);
      }),
    );

  sla
    .command('draft')
    .description('Save a calendar or policy file as a draft (nothing live changes)')
    .argument('<kind>', 'calendar or policy')
    .argument('<name>')
    .argument('<file>')
    .option('--notes <text>')
    .action(async (kind: string, name: string, file: string, opts: { notes?: string }, command: Command) =>
      withSla(command, async (admin, ctx) => {
        const saved = await admin.saveDraft(kindOf(kind), name, documentOf(file), { actor: ctx.actor, source: 'cli' }, opts.notes);
        io.out(saved.created ? `Saved draft ${saved.draft?.draft} of ${name}` : `Nothing new: ${name} already has this content${saved.draft ? ` (draft ${saved.draft.draft})` : ' live'}`);
      }),
    );

  sla
    .command('publish')
    .description('Publish a file or draft:N as the next version; clocks that start afterwards take it, running ones keep theirs')
    .argument('<kind>', 'calendar or policy')
    .argument('<name>')
    .argument('<ref>', 'a file or draft:N')
    .requiredOption('--expected-version <n>', 'the live version you reviewed (0 for a new name)', integer)
    .option('--notes <text>')
    .action(async (kind: string, name: string, ref: string, opts: { expectedVersion: number; notes?: string }, command: Command) =>
      withSla(command, async (admin, ctx) => {
        const draft = /^draft:(\d{1,9})$/.exec(ref);
        const v = await admin.publish(kindOf(kind), name, { document: draft ? undefined : documentOf(ref), draft: draft ? Number(draft[1]) : undefined, expectedVersion: opts.expectedVersion, notes: opts.notes }, { actor: ctx.actor, source: 'cli' });
        io.out(`Published ${name} v${v.version} (${v.contentHash})`);
      }),
    );

  sla
    .command('history')
    .description('Versions and drafts of a calendar or policy')
    .argument('<kind>', 'calendar or policy')
    .argument('<name>')
    .option('--json', 'machine-readable output')
    .action(async (kind: string, name: string, opts: { json?: boolean }, command: Command) =>
      withSla(command, async (admin) => {
        const h = await admin.history(kindOf(kind), name);
        if (opts.json) return io.out(json(h));
        for (const v of h.versions) io.out(`v${v.version}  ${v.publishedAt}  ${v.author}  ${v.contentHash.slice(0, 19)}  ${v.notes}`);
        for (const d of h.drafts) io.out(`draft ${d.draft} (${d.status}, based on v${d.basedOnVersion})  ${d.savedAt}  ${d.author}  ${d.notes}`);
      }),
    );

  sla
    .command('status')
    .description("A ticket's SLA clocks now, by its stream (incident-<id>)")
    .argument('<stream>')
    .option('--json', 'machine-readable output')
    .action(async (stream: string, opts: { json?: boolean }, command: Command) =>
      withSla(command, async (admin) => {
        const s = await admin.status(stream);
        if (opts.json) return io.out(json(s));
        io.out(`${s.ticketStream}  ${s.state}  policy ${s.policy ? `${s.policy.name}@${s.policy.version}` : 'none'}  calendar ${s.calendar ? `${s.calendar.name}@${s.calendar.version}` : 'none'}  baseline ${s.baseline}`);
        for (const c of s.clocks) {
          io.out(`  ${c.clock.padEnd(10)} ${c.state.padEnd(8)} target ${minutes(c.targetMs)}  elapsed ${minutes(c.elapsedMs)}  remaining ${minutes(c.remainingMs)}  paused ${minutes(c.pausedMs)}  due ${c.dueAt ?? '-'}${c.breached ? `  BREACHED at ${c.breachedAt}` : ''}${c.met ? '  met' : ''}`);
        }
      }),
    );

  sla
    .command('rebaseline')
    .description("Move a ticket's running clocks onto the policy and calendar versions live now (recorded with the reason)")
    .argument('<stream>')
    .requiredOption('--reason <text>')
    .action(async (stream: string, opts: { reason: string }, command: Command) =>
      withSla(command, async (admin, ctx) => {
        const s = await admin.rebaseline(stream, opts.reason, { actor: ctx.actor, source: 'cli' });
        io.out(`Re-baselined ${stream} onto ${s.policy?.name}@${s.policy?.version} and ${s.calendar?.name}@${s.calendar?.version} (baseline ${s.baseline})`);
      }),
    );

  sla
    .command('tick')
    .description('Run the scheduler once now: record every warning and breach due and not yet recorded (safe to run beside others)')
    .action(async (_opts: object, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const result = await new SlaScheduler({ store: ctx.store, clock: systemClock }).tick();
        io.out(`Recorded ${result.recorded} warning(s) and breach(es); ${result.checked} clock(s) checked`);
      }),
    );
}

const minutes = (ms: number | null): string => (ms === null ? '-' : `${ms < 0 ? '-' : ''}${Math.floor(Math.abs(ms) / 3_600_000)}h${String(Math.floor((Math.abs(ms) % 3_600_000) / 60_000)).padStart(2, '0')}m`);
