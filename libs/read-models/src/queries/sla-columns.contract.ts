import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { dumpReadModels } from '../test-support/dump-read-models';
import { projectAll } from '../test-support/project-all';
import { allProjections } from '../projections/all-projections';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { SlaWriter } from '../test-support/sla-events';
import { ContractTicket, EventWriter, idOf } from '../test-support/ticket-events';
import { TicketQueries } from './ticket-queries';

// 2 March 2026 is a Monday; London is on GMT (= UTC) until 29 March. Business hours 09:00-17:00.
const t = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();
const lifecycle = { id: 'incident', version: 1 };

/**
 * The queue's order with real SLA clocks (hand-computed due times, business minutes):
 * A P1 opened Mon 11:00: 240 -> due Mon 15:00.
 * B P2 opened Mon 10:00: 960 = 7 h Mon + 8 h Tue + 1 h Wed -> due Wed 10:00.
 * C P2 opened Mon 12:00: 5 h Mon + 8 h Tue + 3 h Wed -> due Wed 12:00.
 * E P2 opened Mon 09:00, awaiting the caller 09:30-13:30 (4 business hours paused): due Tue 17:00 + 4 h = Wed 13:00.
 * D P2 opened Mon 09:00, awaiting the caller since 09:30: paused, no due time (last of the P2s, though the oldest).
 */
export function slaColumnsContract(target: RmTarget): void {
  describe(`${target.name}: SLA due time and breach on the tickets read model`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    let q: TicketQueries;
    let w: EventWriter;
    const ticket = (name: string) => new ContractTicket(w, 'incident', 'Incident', idOf(`sla-${name}`), lifecycle);
    let a: ContractTicket;

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      w = new EventWriter(store);
      await w.publishLifecycle('incident');
      await new SlaWriter(w).standard();
      const open = async (name: string, at: string, priority: number) => {
        const x = ticket(name);
        await x.opened('IncidentLogged', at, 'new', { title: name, priority, assignmentGroup: 'network' });
        await x.moved('IncidentAssigned', at.replace(':00.000Z', ':05.000Z'), 'new', 'assigned', 'ASSIGN', { assignmentGroup: 'network' });
        return x;
      };
      const d = await open('D', t(2, 9), 2);
      await d.moved('IncidentPended', t(2, 9, 30), 'assigned', 'awaitingCaller', 'PEND', { pendingReason: 'caller' });
      const e = await open('E', t(2, 9), 2);
      await e.moved('IncidentPended', t(2, 9, 30), 'assigned', 'awaitingCaller', 'PEND', { pendingReason: 'caller' });
      // Projected in two runs with fresh projection instances: the clocks' state survives a restart.
      await projectAll(store, rm);
      await e.moved('IncidentResumed', t(2, 13, 30), 'awaitingCaller', 'assigned', 'RESUME');
      await open('B', t(2, 10), 2);
      a = await open('A', t(2, 11), 1);
      await open('C', t(2, 12), 2);
      await projectAll(store, rm);
      q = new TicketQueries(rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('fills sla_due_at from the resolution clock: business hours, paused time added, none while paused', async () => {
      const due = Object.fromEntries((await q.list({ assignmentGroup: 'network' })).items.map((r) => [r.title, r.sla_due_at]));
      expect(due).toEqual({ A: t(2, 15), B: t(4, 10), C: t(4, 12), D: null, E: t(4, 13) });
    });

    it('orders the queue by priority, then SLA due time (none last), then age', async () => {
      expect((await q.queue('network')).map((r) => r.title)).toEqual(['A', 'B', 'C', 'E', 'D']);
    });

    it('marks the breach the scheduler recorded, and clears the due time once the clock stops', async () => {
      await new SlaWriter(w).breached(a.stream, 'resolution', t(2, 15), 240 * 60_000);
      await projectAll(store, rm);
      expect(await q.get(a.id)).toMatchObject({ sla_breached: 1, sla_breached_at: t(2, 15), sla_due_at: t(2, 15) });
      await a.moved('IncidentResolved', t(2, 16), 'assigned', 'resolved', 'RESOLVE', { resolutionCode: 'fixed' });
      await projectAll(store, rm);
      expect(await q.get(a.id)).toMatchObject({ sla_breached: 1, sla_due_at: null });
      expect((await q.get(ticket('B').id))?.sla_breached).toBe(0);
    });

    it('a rebuild from zero in one run gives the same rows as the runs above', async () => {
      const fresh = await target.open();
      try {
        await projectAll(store, fresh.rm);
        expect(await dumpReadModels(fresh.rm, allProjections())).toEqual(await dumpReadModels(rm, allProjections()));
      } finally {
        await fresh.dispose();
      }
    });
  });
}
