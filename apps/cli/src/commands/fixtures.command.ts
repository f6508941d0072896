import type { Command } from 'commander';
import { generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { countProgress } from '../progress';
import type { CommandRuntime } from './lifecycles.commands';
import { integer } from './options';

/** `fixtures incidents`: tickets with known histories, to try what-if and migration at scale. */
export function registerFixtureCommands(program: Command, rt: CommandRuntime): void {
  program
    .command('fixtures')
    .description('Generate test data into the store')
    .command('incidents')
    .description('Write incidents with known histories (of every 20: 1 new, 2 assigned, 3 in progress, 2 awaiting caller, 1 awaiting vendor, 1 resolved, 10 closed, 1 cancelled... see libs/incident/src/testing/incident-fixture.ts)')
    .requiredOption('--count <n>', 'how many incidents', integer)
    .option('--seed <text>', 'derives the incident ids', 'fixture')
    .action(async (opts: { count: number; seed: string }, command: Command) =>
      rt.withContext(command, async (ctx) => {
        const progress = countProgress(rt.io, 'fixture');
        const started = performance.now();
        let result;
        try {
          result = await generateIncidentFixture(ctx.store, { count: opts.count, seed: opts.seed, onProgress: progress.update });
        } finally {
          progress.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        rt.io.out(`Wrote ${result.tickets.toLocaleString('en-US')} incidents (${result.events.toLocaleString('en-US')} events) in ${seconds.toFixed(1)} s`);
      }),
    );
}
