/**
 * The automation rules in a process of their own, for the SIGKILL test:
 * `automation-worker.ts <store file> react <head position>` runs the auto-assign and auto-close
 * reactors from their checkpoints until both have handled the head, printing `handled <n>` after
 * each reaction; `automation-worker.ts <store file> fire <instant>` ticks the auto-close timers
 * once at that instant, printing `fired <n>` after each close. Both print `done` at the end.
 */
import { CommandPipeline, FixedClock, randomIds, systemClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ReactorRunner } from '@itil/reactors';
import { autoAssign } from '../reactors/auto-assign.reactor';
import { autoCloseScheduling } from '../reactors/auto-close.reactor';
import { RuleBookReader } from '../rules/rule-book';
import { AutoCloseTimers } from '../timers/auto-close-timers';
import { workDecider, workReferences } from './work-process';

async function main(): Promise<void> {
  const [file, phase, arg] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const pipeline = new CommandPipeline(store, randomIds);
  const deciders = [workDecider()];
  let n = 0;
  if (phase === 'react') {
    const reactors = [autoAssign({ deciders, references: workReferences, rules: new RuleBookReader(store) }), autoCloseScheduling({ deciders, rules: new RuleBookReader(store), pipeline })];
    const runners = reactors.map((r) => new ReactorRunner(store, pipeline, systemClock, r, { checkpointEvery: 5, onOutcome: () => process.stdout.write(`handled ${++n}\n`) }));
    const running = runners.map((r) => r.run());
    await Promise.all(runners.map((r) => r.handled(BigInt(arg))));
    await Promise.all(runners.map((r) => r.stop()));
    await Promise.all(running);
  } else {
    const timers = new AutoCloseTimers({ store, pipeline, clock: new FixedClock(new Date(arg)), deciders, references: workReferences, onOutcome: (_, o) => o.outcome === 'closed' && process.stdout.write(`fired ${++n}\n`) });
    await timers.tick();
  }
  await store.close();
  process.stdout.write('done\n');
}

void main();
