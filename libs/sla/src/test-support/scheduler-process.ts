/**
 * One SLA scheduler in a process of its own, over a SQLite file, for the two-process tests:
 *   tsx scheduler-process.ts <file> <first instant> <step ms> <steps>
 * Its fake clock starts at the first instant and moves one step before each tick (no sleeping);
 * it prints `tick <n> <recorded>` after each, so the test can kill it at a known point.
 */
import { FixedClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { SlaScheduler } from '../scheduler/sla-scheduler';

async function main(): Promise<void> {
  const [file, first, step, steps] = process.argv.slice(2);
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const clock = new FixedClock(new Date(first));
  const scheduler = new SlaScheduler({ store, clock });
  for (let n = 1; n <= Number(steps); n++) {
    const { recorded } = await scheduler.tick();
    process.stdout.write(`tick ${n} ${recorded}\n`);
    clock.advance(Number(step));
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
