import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { ContractTicket, EventWriter, idOf } from '../test-support/ticket-events';
import { ChangeCalendarQueries, type FreezeWindow, type FreezeWindowSource } from './change-calendar';
import { InvalidQueryError } from './read-model.errors';

const t = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const FREEZES: FreezeWindow[] = [
  { id: 'month-end', start: t(5, 0), end: t(6, 0), reason: 'Finance close', services: ['finance'], source: 'freeze-calendar default v1' },
  { id: 'year-end', start: '2026-12-24T00:00:00.000Z', end: '2027-01-02T00:00:00.000Z', reason: 'Year-end', services: null, source: 'freeze-calendar default v1' },
];
const freezes: FreezeWindowSource = { between: async () => FREEZES };

/**
 * X (normal, scheduled) 2 Mar 22:00-23:00 on mail-01; Y (emergency, implementing) 22:30-23:30 on
 * mail-01 and db-01: collides with X 22:30-23:00; Z (scheduled) 23:00-24:00 on mail-01: touches X
 * at 23:00 (windows are half-open: no collision), collides with Y 23:00-23:30; W on mail-01 in
 * assessment and U closed: not on the calendar; V (scheduled, finance) 5 Mar in the month-end freeze.
 */
export function changeCalendarContract(target: RmTarget): void {
  describe(`${target.name}: the change calendar`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    let q: ChangeCalendarQueries;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      const w = new EventWriter(store);
      await w.publishLifecycle('change-normal');
      await w.publishLifecycle('change-emergency');
      const change = async (name: string, lifecycle: string, to: string | null, fields: JsonObject) => {
        const c = new ContractTicket(w, 'change', 'Change', idOf(`cal-${name}`), { id: lifecycle, version: 1 });
        ids[name] = c.id;
        await c.opened('ChangeRequested', t(1, 9), 'new', { title: name, ...fields });
        if (to) await c.moved('ChangeMoved', t(1, 10), 'new', to, 'TEST');
      };
      await change('X', 'change-normal', 'scheduled', { service: 'email', configurationItems: ['mail-01'], plannedStart: '2026-03-02T22:00:00Z', plannedEnd: '2026-03-02T23:00:00Z' });
      await change('Y', 'change-emergency', 'implementing', { service: 'email', configurationItems: ['mail-01', 'db-01'], plannedStart: t(2, 22, 30), plannedEnd: t(2, 23, 30) });
      await change('Z', 'change-normal', 'scheduled', { service: 'email', configurationItems: ['mail-01'], plannedStart: t(2, 23), plannedEnd: t(3, 0) });
      await change('W', 'change-normal', 'assessment', { configurationItems: ['mail-01'], plannedStart: t(2, 22), plannedEnd: t(2, 23) });
      await change('U', 'change-normal', 'closed', { configurationItems: ['mail-01'], plannedStart: t(2, 22), plannedEnd: t(2, 23) });
      await change('V', 'change-normal', 'scheduled', { service: 'finance', configurationItems: ['erp-01'], plannedStart: t(5, 20), plannedEnd: t(5, 22) });
      await projectAll(store, rm);
      q = new ChangeCalendarQueries(rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('lists scheduled and implementing changes overlapping the range, by start, with their collisions', async () => {
      const cal = await q.calendar({ from: t(2, 0), to: t(3, 0) }, freezes);
      expect(cal.changes.map((c) => [c.title, c.state, c.plannedStart, c.plannedEnd])).toEqual([
        ['X', 'scheduled', t(2, 22), t(2, 23)],
        ['Y', 'implementing', t(2, 22, 30), t(2, 23, 30)],
        ['Z', 'scheduled', t(2, 23), t(3, 0)],
      ]);
      expect(cal.changes.find((c) => c.title === 'Y')).toMatchObject({ changeType: 'emergency', configurationItems: ['db-01', 'mail-01'], collidesWith: [ids.X, ids.Z].sort() });
      expect(cal.changes.find((c) => c.title === 'X')?.collidesWith).toEqual([ids.Y]);
      const pair = (a: string, b: string) => [ids[a], ids[b]].sort();
      expect(cal.collisions).toEqual([
        { changes: pair('X', 'Y'), configurationItems: ['mail-01'], start: t(2, 22, 30), end: t(2, 23) },
        { changes: pair('Y', 'Z'), configurationItems: ['mail-01'], start: t(2, 23), end: t(2, 23, 30) },
      ]);
      expect(cal.freezes).toEqual([]);
    });

    it('finds a collision with a change outside the range that overlaps a listed one', async () => {
      const cal = await q.calendar({ from: t(2, 23, 40), to: t(3, 0) }, freezes);
      expect(cal.changes.map((c) => c.title)).toEqual(['Z']);
      expect(cal.changes[0].collidesWith).toEqual([ids.Y]);
    });

    it('shows the freeze windows in the range and the changes that fall in them (by service)', async () => {
      const cal = await q.calendar({ from: t(4, 0), to: t(7, 0) }, freezes);
      expect(cal.freezes.map((f) => f.id)).toEqual(['month-end']);
      expect(cal.changes.map((c) => [c.title, c.freezes])).toEqual([['V', ['month-end']]]);
      const yearEnd = await q.calendar({ from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, freezes);
      expect(yearEnd).toMatchObject({ changes: [], freezes: [{ id: 'year-end', services: null }] });
    });

    it('refuses a range that ends before it starts, is not instants, or is longer than a year', async () => {
      await expect(q.calendar({ from: t(3, 0), to: t(2, 0) }, freezes)).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(q.calendar({ from: 'soon', to: t(2, 0) }, freezes)).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(q.calendar({ from: '2026-01-01T00:00:00Z', to: '2027-01-03T00:00:00Z' }, freezes)).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
