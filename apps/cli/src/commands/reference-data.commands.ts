import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { CommandPipeline, randomIds, systemClock } from '@itil/engine';
import { ReferenceDataService, ReferenceIndex, seedReferenceData } from '@itil/reference-data';
import { actorOf, openStore, type GlobalOptions } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CommandRuntime } from './lifecycles.commands';
import { json } from './options';

/** `reference-data seed <file>`: users, groups, services, CIs and catalog items from a JSON file. */
export function registerReferenceDataCommands(program: Command, rt: CommandRuntime): void {
  program
    .command('reference-data')
    .description('Reference data: users, assignment groups, services, configuration items, catalog items')
    .command('seed')
    .description('Write the records of a JSON file ({users, groups, services, configurationItems, catalogItems}); records that exist are left as they are')
    .argument('<file>', 'the seed file')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }, command: Command) => {
      const seed = readSeed(isAbsolute(file) ? file : resolve(rt.io.cwd, file));
      // Reference data needs no lifecycle: the store alone (no lifecycle seeding as a side effect).
      const globals = command.optsWithGlobals<GlobalOptions>();
      const store = await openStore(globals, rt.io);
      const index = new ReferenceIndex(store);
      try {
        await index.start();
        const refs = new ReferenceDataService(new CommandPipeline(store, randomIds), index);
        const actor = actorOf(globals, rt.io);
        const report = await seedReferenceData(refs, seed, () => ({ now: systemClock.now(), actor }));
        if (opts.json) return rt.io.out(json(report));
        const line = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
        rt.io.out(`Created: ${line(report.created)}; already there: ${line(report.existing)}; ${report.events} event(s) written`);
      } finally {
        await index.stop();
        await store.close();
      }
    });
}

function readSeed(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
