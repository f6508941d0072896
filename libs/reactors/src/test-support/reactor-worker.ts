/**
 * The mirror reactor in a process of its own: `tsx reactor-worker.ts <store file> <head position>`.
 * Prints `handled <n>` after each event, and `done` once it has handled everything up to the head.
 * The crash test kills it with SIGKILL part-way and starts it again.
 */
import { CommandPipeline, randomIds, systemClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ReactorRunner } from '../reactor-runner';
import { mirrorReactor } from './mirror-reactor';

async function main(): Promise<void> {
  const [file, head] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const runner = new ReactorRunner(store, new CommandPipeline(store, randomIds), systemClock, mirrorReactor(), {
    checkpointEvery: 10,
    onOutcome: () => process.stdout.write(`handled ${runner.status().handled + 1}\n`),
  });
  const running = runner.run();
  await runner.handled(BigInt(head));
  await runner.stop();
  await running;
  await store.close();
  process.stdout.write('done\n');
}

void main();
