import { Command } from 'commander';
import { openContext, type CliContext, type GlobalOptions } from './cli-context';
import { EXIT, reportError } from './cli-errors';
import type { CliIo } from './cli-io';
import { registerFixtureCommands } from './commands/fixtures.command';
import { registerLifecycleCommands, type CommandRuntime } from './commands/lifecycles.commands';
import { registerProjectionCommands } from './commands/projections.commands';
import { registerReferenceDataCommands } from './commands/reference-data.commands';
import { registerSlaCommands } from './commands/sla.commands';

/**
 * The engine's use cases from a terminal. Returns the exit code: 0 done, 1 refused (invalid
 * definition, version conflict, unknown process...), 2 usage error, 3 what-if found impact
 * (with --fail-on-impact).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('itil')
    .description('ITIL workflow engine: lifecycle administration and tools')
    .option('--store <file>', 'embedded event store file (env EVENT_STORE_FILE, default ./data/events.db)')
    .option('--state-machines <dir>', 'seed definitions (env STATE_MACHINES_DIR, default ./state-machines)')
    .option('--actor <who>', 'recorded as the author (env ITIL_ACTOR, default cli:<user>)')
    .option('--durability <level>', 'full or normal (env EVENT_STORE_DURABILITY, default full)')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });

  const runtime: CommandRuntime = {
    io,
    setExitCode: (code) => (exitCode = code),
    withContext: async (command, work) => {
      const ctx: CliContext = await openContext(command.optsWithGlobals<GlobalOptions>(), io);
      try {
        for (const o of ctx.outcomes) {
          if (o.outcome === 'seeded') io.err(`${o.process}: published v1 from ${o.fileName}`);
          if (o.outcome === 'draft-proposed') io.err(`${o.process}: ${o.fileName} changed; proposed as draft ${o.draft} (the live version is unchanged)`);
          if (o.outcome === 'draft-refused') io.err(`${o.process}: ${o.fileName} changed but cannot be read: ${o.message}`);
        }
        return await work(ctx);
      } finally {
        await ctx.close();
      }
    },
  };
  registerLifecycleCommands(program, runtime);
  registerFixtureCommands(program, runtime);
  registerProjectionCommands(program, runtime);
  registerReferenceDataCommands(program, runtime);
  registerSlaCommands(program, runtime);
  program.commands.forEach((c) => c.exitOverride().commands.forEach((s) => s.exitOverride()));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io.err);
  }
}
