/**
 * SLA: the scheduler's cost per tick with 100,000 running clocks (idle, and recording ~1,000
 * warnings), its catch-up over the log, and the time to compute the SLA status of a 1,000-event
 * ticket; each next to a baseline measured in the same run.
 *
 * Run: npx tsx bench/run.ts sla
 */
import { FixedClock, SequentialIds, envelop } from '@itil/engine';
import { SqliteEventStore, type EventData } from '@itil/event-store';
import { SlaAdmin, SlaScheduler, foldTicket, ticketSlaStatus } from '@itil/sla';
import { LogWriter, incidentDefinition, londonOffice, standardPolicy } from '@itil/sla/test-support/sla-fixtures';
import { fmt, tempDbFile } from './bench-support';

const CLOCKS = Number(process.env.SLA_BENCH_CLOCKS ?? 100_000);
const MIN = 60_000;
const OPENED = Date.UTC(2025, 2, 3, 9); // Monday 3 March 2025 09:00 London (= UTC)
const machine = { id: 'incident', version: 1 };
const ticketOf = (i: number) => `incident-b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function seeded(file: string): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const log = new LogWriter(store);
  await log.append('lifecycle-incident', 'LifecycleVersionPublished', { process: 'incident', version: 1, definition: incidentDefinition() }, new Date(OPENED - 86_400_000));
  await log.publish('calendar', 'london-office', 1, londonOffice, new Date(OPENED - 86_400_000));
  await log.publish('policy', 'incident-standard', 1, standardPolicy(), new Date(OPENED - 86_400_000));
  return store;
}

const opening = (ids: SequentialIds, stream: string, at: number, priority: number): EventData =>
  envelop(
    { type: 'IncidentLogged', data: { ticketId: stream, process: 'incident', lifecycle: machine, state: 'new', fields: { title: 'bench', priority }, openedAt: new Date(at).toISOString() } },
    { id: ids.next(), streamId: stream, revision: 0n, actor: 'user:bench', occurredAt: new Date(at), correlationId: 'bench', causationId: null, machine, idempotencyKey: null, previousHash: null },
  );

async function schedulerTicks(): Promise<void> {
  const store = await seeded(tempDbFile('sla-tick'));
  const ids = new SequentialIds('sla-bench');
  // 100,000 P3 tickets opened a second apart (resolution 40 h, response 4 h, warnings at 50% and 75%).
  let started = process.hrtime.bigint();
  for (let i = 0; i < CLOCKS; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, CLOCKS - i) }, (_, k) => store.appendToStream(ticketOf(i + k), [opening(ids, ticketOf(i + k), OPENED + (i + k) * 1000, 3)], { expectedRevision: 'no_stream' })));
  }
  console.log(`setup: ${fmt(CLOCKS)} ticket openings appended in ${fmt(ms(started))} ms`);

  const clock = new FixedClock(new Date(OPENED));
  const scheduler = new SlaScheduler({ store, clock });
  started = process.hrtime.bigint();
  await scheduler.sync();
  const catchUp = ms(started);
  console.log(`catch-up: folding the log into ${fmt(scheduler.ticketCount)} clocks and scheduling each took ${fmt(catchUp)} ms (${(catchUp * 1000 / CLOCKS).toFixed(1)} µs per clock)`);

  // Idle ticks: nothing due. The cost is the $all check plus one look at the heap.
  const idleTicks = 500;
  started = process.hrtime.bigint();
  for (let i = 0; i < idleTicks; i++) await scheduler.tick();
  const idle = (ms(started) * 1000) / idleTicks;
  // Baseline: a naive scheduler that scans every clock's due instant on each tick.
  const dues = Float64Array.from({ length: CLOCKS }, (_, i) => OPENED + 2 * 3_600_000 + i * 1000);
  let due = 0;
  started = process.hrtime.bigint();
  for (let t = 0; t < idleTicks; t++) for (let i = 0; i < CLOCKS; i++) if (dues[i] <= OPENED) due++;
  const scan = (ms(started) * 1000) / idleTicks;
  if (due !== 0) console.log('unreachable');

  // A busy tick: move the clock to when about 1,000 response clocks have reached 50% (2 h after opening).
  clock.set(new Date(OPENED + 2 * 3_600_000 + 1000 * 1000));
  started = process.hrtime.bigint();
  const busy = await scheduler.tick();
  const busyMs = ms(started);
  console.log('');
  console.log(`scheduler tick with ${fmt(CLOCKS)} running clocks`);
  console.log(`  idle (nothing due)                        ${idle.toFixed(1).padStart(9)} µs/tick   naive scan of every due instant: ${scan.toFixed(1)} µs/tick (${(scan / idle).toFixed(1)}x the heap)`);
  console.log(`  recording ${fmt(busy.recorded)} warnings (each re-read and appended) ${busyMs.toFixed(0).padStart(6)} ms/tick   ${((busyMs * 1000) / Math.max(1, busy.recorded)).toFixed(0)} µs per fact`);
  await store.close();
}

async function statusOfLongTicket(): Promise<void> {
  const store = await seeded(tempDbFile('sla-status'));
  const log = new LogWriter(store);
  const stream = ticketOf(1);
  // 1,000 events: opened, then 999 moves alternating in progress / awaiting the caller every 20 minutes.
  await log.open(stream, new Date(OPENED), { priority: 3 });
  await log.move(stream, new Date(OPENED + MIN), 'new', 'assigned', 'ASSIGN', 'IncidentAssigned', { assignmentGroup: 'network' });
  for (let i = 2; i < 1000; i++) {
    const pend = i % 2 === 0;
    await log.move(stream, new Date(OPENED + i * 20 * MIN), pend ? 'assigned' : 'awaitingCaller', pend ? 'awaitingCaller' : 'assigned', pend ? 'PEND' : 'RESUME', pend ? 'IncidentPended' : 'IncidentResumed');
  }
  const now = OPENED + 1000 * 20 * MIN;
  const admin = new SlaAdmin({ store, clock: new FixedClock(new Date(now)), ids: new SequentialIds('sla-bench-admin') });
  const defs = await admin.refresh();
  const events = await store.readStream(stream);
  const runs = 300;
  for (let i = 0; i < 20; i++) ticketSlaStatus(foldTicket(events, [], defs.stateMeta)!, defs, now); // warm-up
  let started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) ticketSlaStatus(foldTicket(events, [], defs.stateMeta)!, defs, now);
  const pure = ms(started) / runs;
  started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await admin.status(stream);
  const endpoint = ms(started) / runs;
  started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await store.readStream(stream);
  const read = ms(started) / runs;
  const status = ticketSlaStatus(foldTicket(events, [], defs.stateMeta)!, defs, now);
  console.log('');
  console.log(`SLA status of a ticket with ${fmt(events.length)} events (${status.clocks[1].elapsedMs / MIN} business minutes elapsed, ${status.clocks[1].pausedMs / MIN} paused)`);
  console.log(`  fold + compute from events in memory     ${pure.toFixed(2).padStart(8)} ms`);
  console.log(`  as GET /sla/tickets/:stream computes it   ${endpoint.toFixed(2).padStart(8)} ms   (reads both streams)`);
  console.log(`  baseline: reading the 1,000 events        ${read.toFixed(2).padStart(8)} ms   status = ${(endpoint / read).toFixed(2)}x the read`);
  await store.close();
}

export async function run(): Promise<void> {
  await schedulerTicks();
  await statusOfLongTicket();
}
