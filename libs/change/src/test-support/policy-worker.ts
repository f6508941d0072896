/**
 * The problem-resolves-incidents policy in a process of its own: `tsx policy-worker.ts <store file> <head position>`.
 * Prints `handled <n>` after each reaction and `done` once it has handled everything up to the head.
 * The crash test kills it with SIGKILL part-way and starts it again.
 */
import { CommandPipeline, randomIds, systemClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ReactorRunner } from '@itil/reactors';
import { incidentProblemWorld } from './incident-problem-world';

async function main(): Promise<void> {
  const [file, head] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const pipeline = new CommandPipeline(store, randomIds);
  let reactions = 0;
  const runner = new ReactorRunner(store, pipeline, systemClock, incidentProblemWorld(pipeline).reactor(), {
    checkpointEvery: 1,
    onOutcome: () => process.stdout.write(`handled ${++reactions}\n`),
  });
  const running = runner.run();
  await runner.handled(BigInt(head));
  await runner.stop();
  await running;
  await store.close();
  process.stdout.write('done\n');
}

void main();
