import { SqliteEventStore } from '@itil/event-store';
import { SlaDefinitions } from '../definitions/sla-definitions';
import { foldSlaEvent, foldTicket, foldTicketEvent, type TicketSla } from './ticket-sla.fold';
import { slaDueAt, ticketSlaStatus } from './sla-status';
import { SLA_STREAM_PREFIX } from './sla-clock.events';
import { definitionsOf, LogWriter, londonOffice, standardPolicy, streamOf, Z } from '../test-support/sla-fixtures';

const H = 3_600_000;
const T = 'incident-6a000000-0000-4000-8000-000000000001';

async function given(build: (log: LogWriter) => Promise<void>) {
  const store = new SqliteEventStore({ file: ':memory:' });
  const log = new LogWriter(store);
  await log.seedLifecycle();
  await log.publish('calendar', 'london-office', 1, londonOffice, Z('2025-01-02T00:00:00Z'));
  await build(log);
  const defs = await definitionsOf(store);
  const t = foldTicket(await streamOf(store, T), await streamOf(store, `sla-${T}`), defs.stateMeta);
  return { t, defs };
}

describe('SLA clocks from a ticket’s events: the cases around the edges', () => {
  it('ignores event types it does not know, on the ticket stream and on the sla- stream', async () => {
    const { t, defs } = await given(async (log) => {
      await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
      await log.open(T, Z('2025-03-03T09:00:00Z'), { priority: 1 });
      await log.append(T, 'IncidentHologramAttached', { ticketId: T, hologram: 'x' }, Z('2025-03-03T09:10:00Z'));
      await log.append(`sla-${T}`, 'SlaSomethingFromANewerBuild', { anything: true }, Z('2025-03-03T09:20:00Z'));
    });
    const r = ticketSlaStatus(t!, defs, Z('2025-03-03T10:00:00Z').getTime()).clocks.find((c) => c.clock === 'resolution')!;
    expect(r).toMatchObject({ state: 'running', elapsedMs: H, targetMs: 4 * H });
  });

  it('has no clock for a ticket no policy covers, and no target for a priority the policy leaves out', async () => {
    const none = await given((log) => log.open(T, Z('2025-03-03T09:00:00Z'), { priority: 1 }));
    expect(ticketSlaStatus(none.t!, none.defs, Z('2025-03-03T10:00:00Z').getTime())).toMatchObject({ policy: null, calendar: null, clocks: [], slaDueAt: null });
    const p5 = await given(async (log) => {
      await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
      await log.open(T, Z('2025-03-03T09:00:00Z'), { priority: 5 });
    });
    expect(ticketSlaStatus(p5.t!, p5.defs, Z('2025-03-03T10:00:00Z').getTime()).clocks.map((c) => [c.clock, c.state, c.dueAt])).toEqual([
      ['response', 'no-target', null],
      ['resolution', 'no-target', null],
    ]);
  });

  it('prefers the policy written for the ticket’s service over the general one', async () => {
    const { t, defs } = await given(async (log) => {
      await log.publish('policy', 'a-general', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
      await log.publish('policy', 'z-email', 1, standardPolicy({ service: 'email', targets: { '1': { resolutionMinutes: 30 } } }), Z('2025-01-02T00:00:00Z'));
      await log.open(T, Z('2025-03-03T09:00:00Z'), { priority: 1, service: 'email' });
    });
    const s = ticketSlaStatus(t!, defs, Z('2025-03-03T09:10:00Z').getTime());
    expect(s.policy).toEqual({ name: 'z-email', version: 1 });
    expect(s.clocks.find((c) => c.clock === 'resolution')!.targetMs).toBe(30 * 60_000);
  });

  it('resumes the resolution clock when a resolved ticket is reopened, not counting the time it stood resolved', async () => {
    const { t, defs } = await given(async (log) => {
      await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
      await log.open(T, Z('2025-03-03T09:00:00Z'), { priority: 1 });
      await log.move(T, Z('2025-03-03T10:00:00Z'), 'new', 'resolved', 'RESOLVE', 'IncidentResolved', { resolutionCode: 'fixed' });
      await log.move(T, Z('2025-03-03T12:00:00Z'), 'resolved', 'assigned', 'REOPEN', 'IncidentReopened');
    });
    const r = ticketSlaStatus(t!, defs, Z('2025-03-03T13:00:00Z').getTime()).clocks.find((c) => c.clock === 'resolution')!;
    // 09:00-10:00 and 12:00-13:00 ran; 10:00-12:00 stood resolved. Due: 2 h more from 13:00.
    expect(r).toMatchObject({ state: 'running', elapsedMs: 2 * H, pausedMs: 0, met: null, dueAt: '2025-03-03T15:00:00.000Z' });
  });

  it('reads schema-1 incident events (a flat priority) as well as the contract’s shape', async () => {
    const { t } = await given(async (log) => {
      await log.append(T, 'IncidentLogged', { incidentId: 'x', title: 't', priority: 2, service: 'vpn', lifecycle: { id: 'incident', version: 1 }, state: 'new', loggedAt: '2025-03-03T09:00:00.000Z' }, Z('2025-03-03T09:00:00Z'), { id: 'incident', version: 1 });
    });
    expect(t).toMatchObject({ process: 'incident', service: 'vpn', priorities: [{ priority: 2 }], openedAt: Z('2025-03-03T09:00:00Z').getTime() });
  });

  it('gives a read model the same sla_due_at folding $all one event at a time as the status does', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const log = new LogWriter(store);
    await log.seedLifecycle();
    await log.publish('calendar', 'london-office', 1, londonOffice, Z('2025-01-02T00:00:00Z'));
    await log.publish('policy', 'incident-standard', 1, standardPolicy(), Z('2025-01-02T00:00:00Z'));
    await log.open(T, Z('2025-03-27T16:00:00Z'), { priority: 2 });
    await log.move(T, Z('2025-03-28T10:00:00Z'), 'new', 'assigned', 'ASSIGN', 'IncidentAssigned');
    await log.move(T, Z('2025-03-28T15:30:00Z'), 'assigned', 'awaitingCaller', 'PEND', 'IncidentPended');
    await log.move(T, Z('2025-03-31T07:30:00Z'), 'awaitingCaller', 'assigned', 'RESUME', 'IncidentResumed');
    // A projection: one pass over $all, a row per ticket with a nullable sla_due_at.
    const defs = new SlaDefinitions();
    let t: TicketSla | undefined;
    const column: (string | null)[] = [];
    for (const e of await store.readAll()) {
      if (defs.apply(e)) continue;
      t = e.streamId.startsWith(SLA_STREAM_PREFIX) ? (t && foldSlaEvent(t, e)) : foldTicketEvent(t, e, defs.stateMeta);
      const due = t ? slaDueAt(t, defs) : null;
      column.push(due === null ? null : new Date(due).toISOString());
    }
    // While running: Thu 16:00-17:00 (1 h) + Fri 8 h + Mon 09:00-16:00 BST (7 h) = Mon 15:00Z; null while
    // paused; after the resumption the hand-calculated Tuesday 09:30 BST (see sla-clock.spec.ts).
    expect(column).toEqual(['2025-03-31T15:00:00.000Z', '2025-03-31T15:00:00.000Z', null, '2025-04-01T08:30:00.000Z']);
    const now = Z('2025-03-31T16:30:00Z').getTime();
    expect(ticketSlaStatus(t!, defs, now).slaDueAt).toBe(column[3]);
  });
});
