import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { ContractTicket, EventWriter, idOf } from '../test-support/ticket-events';
import { KnownErrorQueries } from './known-error-queries';
import { InvalidQueryError } from './read-model.errors';

const t = (day: number, hour: number) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const lifecycle = { id: 'problem', version: 1 };

/**
 * Relay: known error since 3 Mar (workaround), root cause on 4 Mar, resolved and closed on 5 Mar.
 * Router: known error since 6 Mar. Printer: known error since 7 Mar. Draft: never published.
 */
export function knownErrorQueriesContract(target: RmTarget): void {
  describe(`${target.name}: the known error database`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    let q: KnownErrorQueries;
    const problem = (w: EventWriter, name: string) => new ContractTicket(w, 'problem', 'Problem', idOf(`ke-${name}`), lifecycle);
    const id = (name: string) => idOf(`ke-${name}`);

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      const w = new EventWriter(store);
      await w.publishLifecycle('problem');
      const relay = problem(w, 'relay');
      await relay.opened('ProblemLogged', t(2, 9), 'new', { title: 'Mail relay drops large attachments', description: 'Messages over 20 MB bounce', service: 'email', configurationItem: 'mail-01' });
      await relay.moved('ProblemWorkaroundRecorded', t(3, 9), 'new', 'knownError', 'RECORD_WORKAROUND', { workaround: 'Send large files through the share', knownErrorPublishedAt: t(3, 9) });
      await relay.moved('ProblemRootCauseIdentified', t(4, 9), 'knownError', 'rootCauseKnown', 'IDENTIFY_ROOT_CAUSE', { rootCause: 'Connection pool capped at 50' });
      await relay.moved('ProblemResolved', t(5, 9), 'rootCauseKnown', 'resolved', 'RESOLVE', { resolutionNotes: 'Pool raised to 500' });
      const router = problem(w, 'router');
      await router.opened('ProblemLogged', t(2, 10), 'new', { title: 'Leeds router reboots at night', description: 'Tunnel drops at 02:00', service: 'vpn', configurationItem: 'edge-router-leeds' });
      await router.moved('ProblemWorkaroundRecorded', t(6, 9), 'new', 'knownError', 'RECORD_WORKAROUND', { workaround: 'Schedule the backup job later', knownErrorPublishedAt: t(6, 9) });
      const printer = problem(w, 'printer');
      await printer.opened('ProblemLogged', t(2, 11), 'new', { title: 'Printer jams on A3', service: 'print' });
      await printer.moved('ProblemWorkaroundRecorded', t(7, 9), 'new', 'knownError', 'RECORD_WORKAROUND', { workaround: 'Use tray 2 for large paper', knownErrorPublishedAt: t(7, 9) });
      await problem(w, 'draft').opened('ProblemLogged', t(2, 12), 'new', { title: 'Still investigating attachments', service: 'email', configurationItem: 'mail-01' });
      await projectAll(store, rm);
      q = new KnownErrorQueries(rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('lists published known errors only, newest first, and keeps a resolved one (archived, not deleted)', async () => {
      const all = await q.search({});
      expect(all.items.map((k) => k.title)).toEqual(['Printer jams on A3', 'Leeds router reboots at night', 'Mail relay drops large attachments']);
      expect(all.items[2]).toMatchObject({ state: 'resolved', workaround: 'Send large files through the share', root_cause: 'Connection pool capped at 50', resolution_notes: 'Pool raised to 500', published_at: t(3, 9) });
    });

    it('finds by every word, in the symptom, workaround, root cause or resolution, case-insensitively', async () => {
      const ids = async (text: string) => (await q.search({ text })).items.map((k) => k.ticket_id);
      expect(await ids('ATTACHMENTS')).toEqual([id('relay')]); // the unpublished draft says it too
      expect(await ids('bounce')).toEqual([id('relay')]); // symptom
      expect(await ids('large')).toEqual([id('printer'), id('relay')]); // workarounds, title
      expect(await ids('pool capped')).toEqual([id('relay')]); // root cause
      expect(await ids('raised 500')).toEqual([id('relay')]); // resolution
      expect(await ids('large router')).toEqual([]);
    });

    it('filters by service and configuration item', async () => {
      expect((await q.search({ service: 'vpn' })).items.map((k) => k.ticket_id)).toEqual([id('router')]);
      expect((await q.search({ configurationItem: 'mail-01', text: 'share' })).items.map((k) => k.ticket_id)).toEqual([id('relay')]);
    });

    it('pages with a cursor without repeats or gaps, and refuses a forged cursor or an empty search', async () => {
      const first = await q.search({}, { limit: 2 });
      const second = await q.search({}, { limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((k) => k.ticket_id)).toEqual([id('printer'), id('router'), id('relay')]);
      expect(second.nextCursor).toBeNull();
      await expect(q.search({}, { cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(q.search({ text: ' ?! ' })).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
