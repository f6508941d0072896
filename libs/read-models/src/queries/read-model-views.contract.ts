import { join } from 'node:path';
import { sql } from 'kysely';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { READ_MODEL_VIEWS } from '../database/read-model-views';
import { migrateRunnerTables } from '../database/runner-migrations';
import { ticketsProjection } from '../projections/tickets/tickets.projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { EventWriter, IncidentV1, idOf } from '../test-support/ticket-events';

const t = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

export function readModelViewsContract(target: RmTarget): void {
  describe(`${target.name}: the stable views`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    const rows = async (query: string) => (await sql.raw(query).execute(rm.db)).rows as Record<string, unknown>[];

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      const w = new EventWriter(store);
      await w.publishLifecycle('incident');
      const a = new IncidentV1(w, idOf('view-A'));
      await a.logged(t(2, 9), { title: 'A', service: 'vpn', priority: 2 });
      await a.assigned(t(2, 9, 10), 'new', 'network', null);
      await a.resolved(t(2, 10), 'assigned');
      const b = new IncidentV1(w, idOf('view-B'));
      await b.logged(t(2, 11), { title: 'B', service: 'vpn', priority: 2 });
      await b.assigned(t(2, 11, 30), 'new', 'network', null);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('exist once a projection has a live generation, and read it', async () => {
      await projectAll(store, rm);
      expect((await rows('select title, state, is_open, priority, service from v_tickets order by title')).map((r) => ({ ...r, is_open: Number(r.is_open), priority: Number(r.priority) }))).toEqual([
        { title: 'A', state: 'resolved', is_open: 0, priority: 2, service: 'vpn' },
        { title: 'B', state: 'assigned', is_open: 1, priority: 2, service: 'vpn' },
      ]);
      for (const view of READ_MODEL_VIEWS) await rows(`select * from ${view} where 1 = 0`);
    });

    it('v_csi_daily gives counts and sums per day and dimensions (each fact with the group it had then): MTTA = 40 / 2 = 20 minutes, MTTR = 60 / 1', async () => {
      const numbers = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v]));
      const byGroup = await rows(`select assignment_group, opened, acknowledged, acknowledge_minutes, resolved, resolve_minutes, first_contact_resolutions from v_csi_daily where process = 'incident' and day = '2026-03-02'`);
      // Nulls sort first on SQLite, last on PostgreSQL: compare in a fixed order.
      expect(byGroup.map(numbers).sort((x, y) => String(x.assignment_group).localeCompare(String(y.assignment_group)))).toEqual([
        { assignment_group: 'network', opened: 0, acknowledged: 2, acknowledge_minutes: 40, resolved: 1, resolve_minutes: 60, first_contact_resolutions: 1 },
        { assignment_group: null, opened: 2, acknowledged: 0, acknowledge_minutes: 0, resolved: 0, resolve_minutes: 0, first_contact_resolutions: 0 },
      ]);
      const [week] = await rows(`select week, sum(acknowledge_minutes) / sum(acknowledged) as mtta from v_csi_daily where process = 'incident' group by week`);
      expect(numbers(week)).toEqual({ week: '2026-03-02', mtta: 20 });
    });

    it('keep their name and columns when a rebuild switches the live generation, and read the new one', async () => {
      const columns = Object.keys((await rows('select * from v_tickets'))[0]).sort();
      const runner = new ProjectionRunner({ store, rm, projection: { ...ticketsProjection(), version: 99 }, holder: 'test' });
      expect(await runner.acquire()).toBe(true);
      expect(await runner.catchUp()).toBe('caught-up');
      // The first catch-up builds generation 2 beside the live one; the next step finds it caught up and switches.
      await runner.step();
      await runner.release();
      const live = await rm.db.selectFrom('projection_generations').select('generation').where('name', '=', 'tickets').where('role', '=', 'live').executeTakeFirstOrThrow();
      expect(Number(live.generation)).toBe(2);
      await sql.raw(`delete from tickets_g1`).execute(rm.db); // the retired tables: the view must not read them
      expect(Object.keys((await rows('select * from v_tickets'))[0]).sort()).toEqual(columns);
      expect((await rows('select title from v_tickets order by title')).map((r) => r.title)).toEqual(['A', 'B']);
      await migrateRunnerTables(rm.db); // a restart re-applies the views: still the live generation
      expect(await rows('select count(*) as n from v_tickets')).toEqual([{ n: expect.anything() }]);
      expect(Number((await rows('select count(*) as n from v_tickets'))[0].n)).toBe(2);
    });

    it('an upgraded install whose live generation predates a view\'s columns still starts; the view appears when the new version goes live', async () => {
      const old = await target.open();
      try {
        await migrateRunnerTables(old.rm.db);
        // What an earlier build left: tickets version 2 live, in a table without the SLA and planning columns.
        await sql.raw(`create table tickets_g1 (ticket_id text primary key, title text)`).execute(old.rm.db);
        await old.rm.db.insertInto('projection_generations').values({ name: 'tickets', generation: 1, version: 2, role: 'live', position: null, last_recorded_at: null, events_seen: 0, parked: 0, started_at: t(1, 0), live_since: t(1, 0), updated_at: t(1, 0) }).execute();
        await migrateRunnerTables(old.rm.db);
        const view = async () => (await sql.raw(`select count(*) as n from v_tickets`).execute(old.rm.db).then(() => true, () => false));
        expect(await view()).toBe(false);
        const runner = new ProjectionRunner({ store, rm: old.rm, projection: ticketsProjection(), holder: 'upgrade' });
        expect(await runner.acquire()).toBe(true);
        expect(await runner.catchUp()).toBe('caught-up');
        await runner.step();
        await runner.release();
        expect((await sql.raw(`select title from v_tickets order by title`).execute(old.rm.db)).rows).toEqual([{ title: 'A' }, { title: 'B' }]);
      } finally {
        await old.dispose();
      }
    });
  });
}
