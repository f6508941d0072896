import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { ContractTicket, EventWriter, IncidentV1, idOf } from '../test-support/ticket-events';
import { InvalidQueryError } from './read-model.errors';
import { TicketQueries } from './ticket-queries';

const t = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

export function ticketQueriesContract(target: RmTarget): void {
  describe(`${target.name}: ticket list, search, queues, comments`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    let q: TicketQueries;
    const ids = { g: idOf('G'), h: idOf('H'), i: idOf('I'), j: idOf('J'), p: idOf('P') };

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      const w = new EventWriter(store);
      await w.publishLifecycle('incident');
      await w.publishLifecycle('problem');
      const g = new IncidentV1(w, ids.g);
      await g.logged(t(9, 10), { title: 'Payroll export fails', priority: 1 });
      await g.assigned(t(9, 10, 5), 'new', 'network', null);
      const h = new IncidentV1(w, ids.h);
      await h.logged(t(9, 9, 30), { title: 'VPN drops every hour', description: 'Leeds office', priority: 1, service: 'vpn' });
      await h.assigned(t(9, 10, 10), 'new', 'network', 'raj');
      await h.commented(t(9, 11), 'The edge router reboots itself');
      const i = new IncidentV1(w, ids.i);
      await i.logged(t(8, 9), { title: 'Slow wifi', priority: 3 });
      await i.assigned(t(8, 9, 5), 'new', 'network', null);
      const j = new IncidentV1(w, ids.j);
      await j.logged(t(7, 9), { title: 'Old router', priority: 1 });
      await j.assigned(t(7, 9, 5), 'new', 'network', null);
      await j.resolved(t(7, 10), 'assigned'); // resolved: out of the queue
      const p = new ContractTicket(w, 'problem', 'Problem', ids.p, { id: 'problem', version: 1 });
      await p.opened('ProblemLogged', t(9, 12), 'new', { title: 'Router firmware bug', description: 'edge routers reboot', assignmentGroup: 'network', priority: 2 });
      await p.commented(t(9, 13), 'c1', 'vendor confirmed', 'public');
      await projectAll(store, rm);
      q = new TicketQueries(rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it("orders a group's queue by priority, then SLA due time, then age, across processes, without resolved items", async () => {
      expect((await q.queue('network')).map((r) => r.title)).toEqual(['VPN drops every hour', 'Payroll export fails', 'Router firmware bug', 'Slow wifi']);
    });

    it('filters the list by process, state category, priority, assignee and service', async () => {
      expect((await q.list({ process: 'problem' })).items.map((r) => r.ticket_id)).toEqual([ids.p]);
      expect((await q.list({ stateCategory: 'resolved' })).items.map((r) => r.title)).toEqual(['Old router']);
      expect((await q.list({ process: 'incident', priority: 1, open: true })).items.map((r) => r.title)).toEqual(['Payroll export fails', 'VPN drops every hour']);
      expect((await q.list({ assignee: 'raj', service: 'vpn' })).items.map((r) => r.ticket_id)).toEqual([ids.h]);
      expect((await q.list({ createdFrom: t(9, 0), createdTo: t(9, 10) })).items.map((r) => r.ticket_id)).toEqual([ids.h]);
    });

    it('searches title, description and comments with every word required', async () => {
      expect((await q.list({ text: 'router' })).items.map((r) => r.title).sort()).toEqual(['Old router', 'Router firmware bug', 'VPN drops every hour']);
      expect((await q.list({ text: 'edge reboots' })).items.map((r) => r.title)).toEqual(['VPN drops every hour']);
      expect((await q.list({ text: 'vendor' })).items.map((r) => r.ticket_id)).toEqual([ids.p]);
      expect((await q.list({ text: 'router OR "nothing' })).items).toHaveLength(0); // operators are words, not syntax
    });

    it('pages with a cursor, newest first, without repeats or gaps', async () => {
      const first = await q.list({}, { limit: 2 });
      const second = await q.list({}, { limit: 2, cursor: first.nextCursor! });
      const third = await q.list({}, { limit: 2, cursor: second.nextCursor! });
      expect([...first.items, ...second.items, ...third.items].map((r) => r.title)).toEqual(['Router firmware bug', 'Payroll export fails', 'VPN drops every hour', 'Slow wifi', 'Old router']);
      expect(third.nextCursor).toBeNull();
    });

    it("returns a ticket's comments in order, with author and visibility", async () => {
      expect((await q.comments(ids.h)).map((c) => [c.text, c.author, c.visibility])).toEqual([['The edge router reboots itself', 'user:raj', 'internal']]);
      expect((await q.comments(ids.p)).map((c) => [c.comment_id, c.visibility])).toEqual([['c1', 'public']]);
    });

    it('refuses a forged cursor, an empty search and a page size out of range', async () => {
      await expect(q.list({}, { cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(q.list({ text: ' !! ' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(q.list({}, { limit: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
