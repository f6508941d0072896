import { SqliteEventStore } from '@itil/event-store';
import { foldTicket } from './ticket-sla.fold';
import { ticketSlaStatus, slaDueAt, type ClockStatus } from './sla-status';
import { definitionsOf, LogWriter, londonOffice, standardPolicy, streamOf, Z } from '../test-support/sla-fixtures';

const H = 3_600_000;
const M = 60_000;
const TICKET = 'incident-7f1c2a3e-0000-4000-8000-000000000001';

async function setUp() {
  const store = new SqliteEventStore({ file: ':memory:' });
  const log = new LogWriter(store);
  await log.seedLifecycle();
  await log.publish('calendar', 'london-office', 1, londonOffice, Z('2025-01-02T00:00:00Z'));
  await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
  return { store, log };
}

async function statusAt(store: SqliteEventStore, now: Date, stream = TICKET) {
  const defs = await definitionsOf(store);
  const t = foldTicket(await streamOf(store, stream), await streamOf(store, `sla-${stream}`), defs.stateMeta)!;
  const status = ticketSlaStatus(t, defs, now.getTime());
  const clock = (kind: string) => status.clocks.find((c) => c.clock === kind) as ClockStatus;
  return { status, response: clock('response'), resolution: clock('resolution'), defs, t };
}

describe('SLA clocks: a P2 incident paused across a weekend and the change to summer time', () => {
  /*
   * Calendar: Europe/London, Monday-Friday 09:00-17:00 wall-clock. Summer time began on Sunday
   * 30 March 2025 at 01:00 UTC: until then London is UTC+0, from then on UTC+1.
   * Policy for P2: response 2 h, resolution 16 h (business time).
   *
   *   Thu 27 Mar 16:00 GMT (16:00Z) opened, state new (running)
   *   Fri 28 Mar 10:00 GMT (10:00Z) assigned (running; the response)
   *   Fri 28 Mar 15:30 GMT (15:30Z) pended awaiting the caller (paused)
   *   Mon 31 Mar 08:30 BST (07:30Z) resumed (running)
   *   now: Mon 31 Mar 17:30 BST (16:30Z)
   *
   * Resolution clock, by hand:
   *   Thu 16:00-17:00                       1 h 00
   *   Fri 09:00-15:30                       6 h 30
   *   (paused Fri 15:30 - Mon 08:30 BST: of it, Fri 15:30-17:00 is working time: 1 h 30 paused;
   *    the weekend is not; Monday 08:30-09:00 BST is before opening)
   *   Mon 09:00-17:00 BST (08:00Z-16:00Z)   8 h 00   (a calendar in UTC would count 09:00Z-16:30Z: 7 h 30)
   *   elapsed                              15 h 30 = 55 800 s; remaining 30 min
   *   pause wall-clock: Fri 15:30Z to Mon 07:30Z = 64 h (the London clocks show 65 h: one hour was skipped)
   *   due: 30 business minutes after Mon 17:00 BST = Tue 1 Apr 09:30 BST = 08:30Z
   * Response clock: Thu 16:00-17:00 + Fri 09:00-10:00 = 2 h, exactly the target: met.
   */
  async function pausedOverTheWeekend() {
    const { store, log } = await setUp();
    await log.open(TICKET, Z('2025-03-27T16:00:00Z'), { priority: 2 });
    await log.move(TICKET, Z('2025-03-28T10:00:00Z'), 'new', 'assigned', 'ASSIGN', 'IncidentAssigned', { assignmentGroup: 'network' });
    await log.move(TICKET, Z('2025-03-28T15:30:00Z'), 'assigned', 'awaitingCaller', 'PEND', 'IncidentPended', { pendingReason: 'awaiting_caller' });
    await log.move(TICKET, Z('2025-03-31T07:30:00Z'), 'awaitingCaller', 'assigned', 'RESUME', 'IncidentResumed');
    return store;
  }

  it('shows the elapsed business time, paused time and due time of the hand calculation', async () => {
    const store = await pausedOverTheWeekend();
    const { status, resolution } = await statusAt(store, Z('2025-03-31T16:30:00Z'));
    expect(resolution.elapsedMs).toBe(15 * H + 30 * M);
    expect(resolution.elapsedMs / 1000).toBe(55_800);
    expect(resolution.remainingMs).toBe(30 * M);
    expect(resolution.pausedMs).toBe(1 * H + 30 * M);
    expect(resolution.pausedWallMs).toBe(64 * H);
    expect(resolution).toMatchObject({ state: 'running', priority: 2, targetMs: 16 * H, dueAt: '2025-04-01T08:30:00.000Z', breached: false, met: null });
    expect(status).toMatchObject({ policy: { name: 'incident-standard', version: 1 }, calendar: { name: 'london-office', version: 1 }, slaDueAt: '2025-04-01T08:30:00.000Z' });
  });

  it('meets a response given at the very instant it was due', async () => {
    const store = await pausedOverTheWeekend();
    const { response } = await statusAt(store, Z('2025-03-31T16:30:00Z'));
    expect(response).toMatchObject({ state: 'stopped', elapsedMs: 2 * H, remainingMs: 0, met: true, breached: false, stoppedAt: '2025-03-28T10:00:00.000Z', dueAt: null });
  });

  it('reports the warnings reached and the breach at the instants the history determines', async () => {
    const store = await pausedOverTheWeekend();
    const { resolution } = await statusAt(store, Z('2025-04-01T12:00:00Z'));
    // 50% = 8 h: 7 h 30 before the pause, 30 min more on Monday (09:30 BST); 75% = 12 h at 13:30 BST.
    expect(resolution.warnings).toEqual([
      { percent: 50, reachedAt: '2025-03-31T08:30:00.000Z', recordedAs: null },
      { percent: 75, reachedAt: '2025-03-31T12:30:00.000Z', recordedAs: null },
    ]);
    expect(resolution).toMatchObject({ breached: true, breachedAt: '2025-04-01T08:30:00.000Z', remainingMs: -(3 * H + 30 * M), elapsedMs: 19 * H + 30 * M });
    // Tuesday 09:00-13:00 BST adds 4 h to the 15 h 30 of Monday evening.
  });

  it('stops when resolved; resolved after the due time, the target was not met', async () => {
    const store = await pausedOverTheWeekend();
    await appendResolved(store, Z('2025-04-01T10:00:00Z'));
    const later = await statusAt(store, Z('2025-04-03T12:00:00Z'));
    // Tue 09:00-11:00 BST after Monday's 15 h 30: 17 h 30, and it stays there once stopped.
    expect(later.resolution).toMatchObject({ state: 'stopped', elapsedMs: 17 * H + 30 * M, met: false, breached: true, breachedAt: '2025-04-01T08:30:00.000Z', dueAt: null, stoppedAt: '2025-04-01T10:00:00.000Z' });
    expect(later.status.slaDueAt).toBeNull();
    expect(slaDueAt(later.t, later.defs)).toBeNull();
  });

  it('resolved at the very instant it was due (Tue 09:30 BST), the target was met and no breach is reported', async () => {
    const store = await pausedOverTheWeekend();
    await appendResolved(store, Z('2025-04-01T08:30:00Z'));
    const { resolution } = await statusAt(store, Z('2025-04-03T12:00:00Z'));
    expect(resolution).toMatchObject({ state: 'stopped', elapsedMs: 16 * H, remainingMs: 0, met: true, breached: false, breachedAt: null });
  });
});

/** Appends the resolution as the incident's writer would (continuing its revision and chain). */
async function appendResolved(store: SqliteEventStore, at: Date): Promise<void> {
  const { envelop } = await import('@itil/engine');
  const last = (await streamOf(store, TICKET)).pop()!;
  const event = envelop(
    { type: 'IncidentResolved', data: { ticketId: TICKET, from: 'assigned', to: 'resolved', via: 'RESOLVE', fields: { resolutionCode: 'fixed' }, previous: {} } },
    { id: `00000000-0000-4000-8000-${String(at.getTime()).slice(-12).padStart(12, '0')}`, streamId: TICKET, revision: last.revision + 1n, actor: 'user:ana', occurredAt: at, correlationId: 'c', causationId: null, machine: { id: 'incident', version: 1 }, idempotencyKey: null, previousHash: (last.metadata as { hash: string }).hash },
  );
  await store.appendToStream(TICKET, [event], { expectedRevision: last.revision });
}
