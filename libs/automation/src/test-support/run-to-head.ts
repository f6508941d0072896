import { CommandPipeline, SequentialIds, systemClock, type Clock } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { ReactorRunner, type Reactor } from '@itil/reactors';

let runs = 0;

/** Runs a reactor from its checkpoint until it has handled the store's head, then stops it (its own pipeline, as another process). */
export async function runToHead(store: EventStore, reactor: Reactor, clock: Clock = systemClock): Promise<ReactorRunner> {
  const runner = new ReactorRunner(store, new CommandPipeline(store, new SequentialIds(`runner-${reactor.name}-${++runs}`)), clock, reactor, { backoff: () => 0 });
  const running = runner.run();
  const head = await store.headPosition();
  if (head !== undefined) await runner.handled(head);
  await runner.stop();
  await running;
  return runner;
}
