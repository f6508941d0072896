/**
 * The standard-change-approval rule in a process of its own, as the API builds it, for the SIGKILL
 * test: `standard-change-worker.ts <store file> <head position>`. Prints `handled <n>` after each
 * reaction and `done` once it has handled everything up to the head.
 */
import { join } from 'node:path';
import { RuleBookReader, standardChangeApproval } from '@itil/automation';
import { templateActor } from '@itil/change';
import { CommandPipeline, randomIds, systemClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { loadLifecycleCatalog } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import { ReactorRunner } from '@itil/reactors';
import { EventSourcedReferences, ReferenceIndex } from '@itil/reference-data';
import { createTicketDecider } from '@itil/tickets';
import { changeProcessDefinition } from '../../policies/change-processes';

async function main(): Promise<void> {
  const [file, head] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const pipeline = new CommandPipeline(store, randomIds);
  const machines = join(__dirname, '../../../../../state-machines');
  const catalog = await loadLifecycleCatalog({ store, directory: machines, versionsDirectory: join(machines, 'versions'), guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock: systemClock, ids: randomIds });
  const index = new ReferenceIndex(store);
  await index.start();
  const change = createTicketDecider(changeProcessDefinition, catalog);
  const reactor = standardChangeApproval({ change, references: new EventSourcedReferences(index), rules: new RuleBookReader(store), event: 'AUTHORISE_BY_TEMPLATE', templateActor });
  let n = 0;
  const runner = new ReactorRunner(store, pipeline, systemClock, reactor, { checkpointEvery: 3, onOutcome: () => process.stdout.write(`handled ${++n}\n`) });
  const running = runner.run();
  await runner.handled(BigInt(head));
  await runner.stop();
  await running;
  await index.stop();
  await store.close();
  process.stdout.write('done\n');
}

void main();
