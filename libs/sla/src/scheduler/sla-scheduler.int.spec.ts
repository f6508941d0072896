import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, unwrap, verifyChain } from '@itil/engine';
import { SqliteEventStore, type RecordedEvent } from '@itil/event-store';
import { factEventId, factKey } from '../clock/sla-clock.events';
import { LogWriter, londonOffice, standardPolicy, Z } from '../test-support/sla-fixtures';
import { SlaScheduler } from './sla-scheduler';

const ROOT = join(__dirname, '../../../..');
const TICKET = 'incident-5c000000-0000-4000-8000-000000000001';
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'sla-scheduler-')), 'events.db');

async function storeWithPolicy(file = ':memory:', now?: () => Date) {
  const store = new SqliteEventStore({ file, durability: 'normal', now });
  const log = new LogWriter(store);
  await log.seedLifecycle();
  await log.publish('calendar', 'london-office', 1, londonOffice, Z('2025-01-02T00:00:00Z'));
  await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
  return { store, log };
}

/** The P2 ticket of the hand calculation in sla-clock.spec.ts (paused over the weekend and the change to BST). */
async function pausedOverTheWeekend(log: LogWriter, stream = TICKET) {
  await log.open(stream, Z('2025-03-27T16:00:00Z'), { priority: 2 });
  await log.move(stream, Z('2025-03-28T10:00:00Z'), 'new', 'assigned', 'ASSIGN', 'IncidentAssigned', { assignmentGroup: 'network' });
  await log.move(stream, Z('2025-03-28T15:30:00Z'), 'assigned', 'awaitingCaller', 'PEND', 'IncidentPended', { pendingReason: 'awaiting_caller' });
  await log.move(stream, Z('2025-03-31T07:30:00Z'), 'awaitingCaller', 'assigned', 'RESUME', 'IncidentResumed');
}

const slaFacts = async (store: SqliteEventStore): Promise<RecordedEvent[]> => (await store.readAll()).filter((e) => e.streamId.startsWith('sla-incident-'));
const summary = (events: RecordedEvent[]) =>
  events.map((e) => [e.type, (e.data as { clock: string }).clock, (e.data as { percent?: number }).percent ?? null, e.metadata.occurredAt, e.metadata.actor]);

describe('SLA scheduler: warnings, breaches and escalation steps recorded once, at the instant they happened', () => {
  it('after downtime catches up: each fact gets the instant it really happened as occurred-at, and the store its own recorded-at', async () => {
    const clock = new FixedClock(Z('2025-03-27T00:00:00Z'));
    const { store, log } = await storeWithPolicy(':memory:', () => clock.now());
    await pausedOverTheWeekend(log);
    // The scheduler was down from before the opening until Tuesday 1 April 12:00Z.
    clock.set(Z('2025-04-01T12:00:00Z'));
    const scheduler = new SlaScheduler({ store, clock });
    expect(await scheduler.tick()).toEqual({ recorded: 5, checked: 1 });
    const facts = await store.readStream(`sla-${TICKET}`);
    expect(summary(facts)).toEqual([
      ['SlaWarningReached', 'response', 50, '2025-03-27T17:00:00.000Z', 'system:sla-scheduler'],
      ['SlaEscalationTriggered', 'response', 50, '2025-03-27T17:00:00.000Z', 'policy:incident-standard@1'],
      ['SlaWarningReached', 'response', 75, '2025-03-28T09:30:00.000Z', 'system:sla-scheduler'],
      ['SlaEscalationTriggered', 'response', 75, '2025-03-28T09:30:00.000Z', 'policy:incident-standard@1'],
      // The response came at 10:00, exactly when due: met, no breach. The resolution clock:
      ['SlaWarningReached', 'resolution', 50, '2025-03-31T08:30:00.000Z', 'system:sla-scheduler'],
      ['SlaEscalationTriggered', 'resolution', 50, '2025-03-31T08:30:00.000Z', 'policy:incident-standard@1'],
      ['SlaWarningReached', 'resolution', 75, '2025-03-31T12:30:00.000Z', 'system:sla-scheduler'],
      ['SlaEscalationTriggered', 'resolution', 75, '2025-03-31T12:30:00.000Z', 'policy:incident-standard@1'],
      ['SlaBreached', 'resolution', null, '2025-04-01T08:30:00.000Z', 'system:sla-scheduler'],
      ['SlaEscalationTriggered', 'resolution', 100, '2025-04-01T08:30:00.000Z', 'policy:incident-standard@1'],
      ['SlaEscalationTriggered', 'resolution', 100, '2025-04-01T08:30:00.000Z', 'policy:incident-standard@1'],
    ]);
    expect(new Set(facts.map((e) => e.recordedAt.toISOString()))).toEqual(new Set(['2025-04-01T12:00:00.000Z']));
    // Each escalation step is caused by its warning or breach; the breach's steps are the policy's.
    const breach = facts.find((e) => e.type === 'SlaBreached')!;
    expect(breach.id).toBe(factEventId(TICKET, factKey('resolution', 0, 100)));
    expect(facts.filter((e) => e.metadata.causationId === breach.id).map((e) => (e.data as { action: unknown }).action)).toEqual([
      { type: 'raisePriority', levels: 1 },
      { type: 'reassign', group: 'major-incident-team' },
    ]);
    // Each event's hash covers what is stored, and the chain goes on from one event to the next.
    expect(verifyChain(facts.map((e) => unwrap(e)))).toBeNull();
    expect(await scheduler.tick()).toEqual({ recorded: 0, checked: 0 });
  });

  it('moving a fake clock records each fact when its instant comes, not before', async () => {
    const { store, log } = await storeWithPolicy();
    await pausedOverTheWeekend(log);
    const clock = new FixedClock(Z('2025-03-31T08:29:59.999Z'));
    const scheduler = new SlaScheduler({ store, clock });
    await scheduler.tick();
    expect((await slaFacts(store)).filter((e) => e.type === 'SlaWarningReached').map((e) => (e.data as { clock: string }).clock)).toEqual(['response', 'response']);
    clock.set(Z('2025-03-31T08:30:00Z'));
    expect((await scheduler.tick()).recorded).toBe(1);
    clock.set(Z('2025-04-01T08:29:59Z'));
    expect((await scheduler.tick()).recorded).toBe(1); // the 75% warning, late but at its instant
    expect((await store.readStream(`sla-${TICKET}`)).filter((e) => e.type === 'SlaBreached')).toHaveLength(0);
  });

  it('records nothing for a ticket resolved before its due time, even when its scheduler saw the resolution late', async () => {
    const { store, log } = await storeWithPolicy();
    await pausedOverTheWeekend(log);
    const clock = new FixedClock(Z('2025-03-31T16:00:00Z'));
    const scheduler = new SlaScheduler({ store, clock });
    await scheduler.tick(); // knows the ticket running, due Tuesday 08:30Z
    await log.move(TICKET, Z('2025-04-01T08:00:00Z'), 'assigned', 'resolved', 'RESOLVE', 'IncidentResolved', { resolutionCode: 'fixed' });
    clock.set(Z('2025-04-02T12:00:00Z'));
    await scheduler.tick();
    expect((await store.readStream(`sla-${TICKET}`)).map((e) => e.type)).not.toContain('SlaBreached');
  });

  it('records a retarget caused by the priority change, then the breach at the new due time', async () => {
    const { store, log } = await storeWithPolicy();
    // Monday 3 March 2025 (London = UTC): P3 at 09:00, raised to P1 at 10:00 (resolution 4 h: due 13:00).
    await log.open(TICKET, Z('2025-03-03T09:00:00Z'), { priority: 3 });
    await log.setPriority(TICKET, Z('2025-03-03T10:00:00Z'), 1);
    const change = (await store.readStream(TICKET))[1];
    const clock = new FixedClock(Z('2025-03-03T10:00:05Z'));
    const scheduler = new SlaScheduler({ store, clock });
    await scheduler.tick();
    const retargets = (await store.readStream(`sla-${TICKET}`)).filter((e) => e.type === 'SlaClockRetargeted');
    expect(retargets.map((e) => [(e.data as { clock: string }).clock, e.data.fromTargetMs, e.data.toTargetMs, e.metadata.causationId, e.metadata.actor, e.metadata.occurredAt])).toEqual([
      ['response', 4 * 3_600_000, 3_600_000, change.id, 'policy:incident-standard@1', '2025-03-03T10:00:00.000Z'],
      ['resolution', 40 * 3_600_000, 4 * 3_600_000, change.id, 'policy:incident-standard@1', '2025-03-03T10:00:00.000Z'],
    ]);
    clock.set(Z('2025-03-03T13:00:00Z'));
    await new SlaScheduler({ store, clock }).tick(); // a second scheduler: the retargets are not written again
    const facts = await store.readStream(`sla-${TICKET}`);
    expect(facts.filter((e) => e.type === 'SlaClockRetargeted')).toHaveLength(2);
    expect(facts.filter((e) => e.type === 'SlaBreached').map((e) => [(e.data as { clock: string }).clock, e.metadata.occurredAt])).toEqual([
      ['response', '2025-03-03T10:00:00.000Z'], // 1 h target, 1 h elapsed at the change and still running: breached from then on
      ['resolution', '2025-03-03T13:00:00.000Z'],
    ]);
  });

  it('two schedulers over one store, ticking together and one restarted, record each fact exactly once', async () => {
    const { store, log } = await storeWithPolicy();
    const tickets = Array.from({ length: 30 }, (_, i) => `incident-5d000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const [i, t] of tickets.entries()) await log.open(t, new Date(Date.UTC(2025, 2, 3, 9, i * 7)), { priority: 1 + (i % 3) });
    const clock = new FixedClock(Z('2025-03-03T09:00:00Z'));
    let a = new SlaScheduler({ store, clock });
    const b = new SlaScheduler({ store, clock });
    for (let step = 0; step < 40; step++) {
      clock.advance(37 * 60_000);
      if (step === 17) a = new SlaScheduler({ store, clock }); // a restarts: it remembers nothing
      await Promise.all([a.tick(), b.tick(), a.tick()]);
    }
    const facts = (await slaFacts(store)).filter((e) => e.type === 'SlaWarningReached' || e.type === 'SlaBreached');
    const keys = facts.map((e) => `${e.streamId}/${e.type}/${(e.data as { clock: string }).clock}/${(e.data as { percent?: number }).percent}`);
    expect(new Set(keys).size).toBe(keys.length);
    // What a single fresh scheduler computes from the log for the same instant: the same facts.
    const { store: other, log: otherLog } = await storeWithPolicy();
    for (const [i, t] of tickets.entries()) await otherLog.open(t, new Date(Date.UTC(2025, 2, 3, 9, i * 7)), { priority: 1 + (i % 3) });
    const single = await new SlaScheduler({ store: other, clock }).tick();
    const expected = (await slaFacts(other)).filter((e) => e.type === 'SlaWarningReached' || e.type === 'SlaBreached');
    expect(single.recorded).toBe(expected.length); // its count is what it wrote, also when it writes tickets side by side
    expect(facts.length).toBe(expected.length);
    expect(facts.length).toBeGreaterThan(60);
    expect(new Set(facts.map((e) => e.id))).toEqual(new Set(expected.map((e) => e.id)));
  });

  it('two processes on one SQLite file, one killed and restarted mid-run, record each fact exactly once', async () => {
    const file = tempFile();
    const { store, log } = await storeWithPolicy(file);
    const tickets = Array.from({ length: 40 }, (_, i) => `incident-5e000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const [i, t] of tickets.entries()) await log.open(t, new Date(Date.UTC(2025, 2, 3, 9, i * 5)), { priority: 1 + (i % 3) });
    await pausedOverTheWeekend(log);
    await store.close();
    const args = [file, '2025-03-03T09:00:00Z', String(90 * 60_000), '40'];
    const first = runScheduler(args);
    const second = runScheduler(args);
    await first.printed('tick 5 ');
    first.child.kill('SIGKILL');
    await first.exited;
    const restarted = runScheduler(args);
    const codes = await Promise.all([second.exited, restarted.exited]);
    expect(codes).toEqual([0, 0]);

    const reopened = new SqliteEventStore({ file });
    const facts = (await slaFacts(reopened)).filter((e) => e.type === 'SlaWarningReached' || e.type === 'SlaBreached');
    const ids = facts.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const stream of new Set(facts.map((e) => e.streamId))) expect(verifyChain((await reopened.readStream(stream)).map((e) => unwrap(e)))).toBeNull();
    // The same facts a single scheduler records for the same last instant, counted.
    const last = new Date(Date.parse(args[1]) + 39 * 90 * 60_000);
    const { store: single, log: singleLog } = await storeWithPolicy();
    for (const [i, t] of tickets.entries()) await singleLog.open(t, new Date(Date.UTC(2025, 2, 3, 9, i * 5)), { priority: 1 + (i % 3) });
    await pausedOverTheWeekend(singleLog);
    await new SlaScheduler({ store: single, clock: new FixedClock(last) }).tick();
    const expected = (await slaFacts(single)).filter((e) => e.type === 'SlaWarningReached' || e.type === 'SlaBreached');
    expect(facts.length).toBe(expected.length);
    expect(facts.length).toBeGreaterThan(80);
    expect(new Set(ids)).toEqual(new Set(expected.map((e) => e.id)));
    await reopened.close();
  }, 120_000);
});

function runScheduler(args: string[]): { child: ChildProcess; exited: Promise<number | null>; printed(text: string): Promise<void> } {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', join(ROOT, 'tsconfig.json'), join(__dirname, '../test-support/scheduler-process.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiting) if (out.includes(w.text)) w.resolve();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(err);
    resolve(code);
  }));
  return { child, exited, printed: (text) => new Promise<void>((resolve) => (out.includes(text) ? resolve() : waiting.push({ text, resolve }))) };
}
