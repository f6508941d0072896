import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { ContractTicket, EventWriter, IncidentV1, idOf } from '../test-support/ticket-events';
import { CSI_METRICS } from './csi-definitions';
import { CsiQueries } from './csi-queries';

const t = (day: number, hour: number, minute = 0, month = 3) => new Date(Date.UTC(2026, month - 1, day, hour, minute)).toISOString();

/**
 * A small history whose CSI figures were computed by hand (the comments give each sum).
 * Incidents A, B, D, E, F in today's v1 events; incident C and changes X, Y in the contract's shapes.
 */
async function writeFixture(store: EventStore): Promise<void> {
  const w = new EventWriter(store);
  for (const lifecycle of ['incident', 'change-normal', 'change-emergency']) await w.publishLifecycle(lifecycle);
  const a = new IncidentV1(w, idOf('A'));
  await a.logged(t(2, 9), { title: 'A', service: 'vpn', priority: 2 });
  await a.assigned(t(2, 9, 10), 'new', 'network', null); // ack 10
  await a.started(t(2, 9, 20), 'raj');
  await a.resolved(t(2, 10)); // 60, first contact

  const b = new IncidentV1(w, idOf('B'));
  await b.logged(t(2, 10), { title: 'B', service: 'email', priority: 3 });
  await b.assigned(t(2, 10, 30), 'new', 'desk', null); // ack 30
  await b.assigned(t(2, 11), 'assigned', 'messaging', null, 'desk'); // reassigned
  await b.resolved(t(2, 12), 'assigned'); // 120, not first contact
  await b.reopened(t(3, 9), 'assigned');
  await b.resolved(t(3, 10), 'assigned'); // 1440, second resolution
  await w.append(b.stream, 'IncidentFieldsUpdated', { ticketId: b.id, fields: { satisfactionRating: 3 }, previous: {} }, { at: t(3, 11), machine: { id: 'incident', version: 1 }, schemaVersion: 2 });

  const c = new ContractTicket(w, 'incident', 'Incident', idOf('C'), { id: 'incident', version: 1 });
  await c.opened('IncidentLogged', t(9, 8), 'new', { title: 'C', service: 'vpn', priority: 2 });
  await c.moved('IncidentAssigned', t(9, 8, 20), 'new', 'assigned', 'ASSIGN', { assignmentGroup: 'network' }); // ack 20
  await c.workLogged(t(9, 9), 'w1', 45);
  await c.moved('IncidentResolved', t(9, 9, 30), 'assigned', 'resolved', 'RESOLVE', { resolutionCode: 'fixed' }); // 90, first contact
  await c.updated(t(9, 10), { satisfactionRating: 5 });

  await new IncidentV1(w, idOf('D')).logged(t(9, 9), { title: 'D', priority: 4 }); // open, 0-1 days
  await new IncidentV1(w, idOf('E')).logged(t(1, 12, 0, 1), { title: 'E', priority: 4 }); // open, 68 days: 31-90
  await new IncidentV1(w, idOf('F')).logged(t(6, 9), { title: 'F', priority: 4 }); // open, 4 days: 2-5

  const x = new ContractTicket(w, 'change', 'Change', idOf('X'), { id: 'change-normal', version: 1 });
  await x.opened('ChangeRequested', t(2, 8), 'new', { title: 'X', service: 'vpn' });
  await x.moved('ChangeAssessmentStarted', t(2, 8, 30), 'new', 'assessment', 'ASSESS'); // ack 30 (left new)
  await x.moved('ChangeCompleted', t(4, 9), 'implementing', 'review', 'COMPLETE', { outcome: 'successful' }); // resolved 2940
  await x.moved('ChangeClosed', t(4, 12), 'review', 'closed', 'CLOSE');

  const y = new ContractTicket(w, 'change', 'Change', idOf('Y'), { id: 'change-emergency', version: 1 });
  await y.opened('ChangeRequested', t(5, 8), 'new', { title: 'Y', service: 'email' });
  await y.moved('ChangeEcabReviewStarted', t(5, 8, 5), 'new', 'ecabReview', 'SUBMIT'); // ack 5
  await y.moved('ChangeBackedOut', t(5, 9), 'implementing', 'review', 'BACKOUT_COMPLETE', { outcome: 'backedOut' }); // resolved 60
  await y.moved('ChangeClosed', t(5, 10), 'review', 'closed', 'CLOSE');
}

export function csiQueriesContract(target: RmTarget): void {
  describe(`${target.name}: change success with the outcomes of change lifecycles version 3`, () => {
    let store: EventStore;
    let dispose: () => Promise<void>;
    let csi: CsiQueries;

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      const opened = await target.open();
      dispose = opened.dispose;
      const w = new EventWriter(store);
      await w.publishLifecycle('change-normal');
      for (const [name, outcome, via] of [['P', 'successfulWithIssues', 'COMPLETE_WITH_ISSUES'], ['Q', 'backoutFailed', 'BACKOUT_FAILED'], ['R', 'successful', 'COMPLETE']] as const) {
        const c = new ContractTicket(w, 'change', 'Change', idOf(name), { id: 'change-normal', version: 1 });
        await c.opened('ChangeRequested', t(2, 8), 'new', { title: name });
        await c.moved('ChangeImplemented', t(3, 9), 'implementing', 'review', via, { outcome });
        await c.moved('ChangeClosed', t(3, 12), 'review', 'closed', 'CLOSE');
      }
      await projectAll(store, opened.rm);
      csi = new CsiQueries(opened.rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('successful with issues counts as successful, backout failed as failed: 2 of 3 closed (66.6667 %)', async () => {
      expect((await csi.report({ metric: 'change-success' })).rows).toEqual([
        { period: '2026-03', count: 3, closed: 3, successful: 2, failed: 1, backedOut: 0, successPercent: 66.6667, emergency: 0, emergencyPercent: 0 },
      ]);
    });
  });

  describe(`${target.name}: CSI figures match the hand-computed values of the fixture`, () => {
    let store: EventStore;
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    let csi: CsiQueries;

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      ({ rm, dispose } = await target.open());
      await writeFixture(store);
      await projectAll(store, rm);
      csi = new CsiQueries(rm);
    });
    afterAll(async () => {
      await dispose();
      await store.close();
    });

    it('MTTA: (10 + 30 + 20 + 30 + 5) / 5 = 19 minutes in March; 20 for incidents, 17.5 for changes', async () => {
      const month = await csi.report({ metric: 'mtta', period: 'month' });
      expect(month.definition).toBe(CSI_METRICS.mtta);
      expect(month.rows).toEqual([{ period: '2026-03', count: 5, meanMinutes: 19 }]);
      const byProcess = await csi.report({ metric: 'mtta', period: 'month', by: 'process' });
      expect(byProcess.rows).toEqual([
        { period: '2026-03', process: 'change', count: 2, meanMinutes: 17.5 },
        { period: '2026-03', process: 'incident', count: 3, meanMinutes: 20 },
      ]);
    });

    it('MTTA per ISO week: (10 + 30 + 30 + 5) / 4 = 18.75 in the week of 2 March, 20 in the week of 9 March', async () => {
      const week = await csi.report({ metric: 'mtta', period: 'week' });
      expect(week.rows).toEqual([
        { period: '2026-03-02', count: 4, meanMinutes: 18.75 },
        { period: '2026-03-09', count: 1, meanMinutes: 20 },
      ]);
    });

    it('MTTR in calendar time: (60 + 120 + 1440 + 90 + 2940 + 60) / 6 = 785 minutes; incidents 1710 / 4 = 427.5', async () => {
      expect((await csi.report({ metric: 'mttr' })).rows).toEqual([{ period: '2026-03', count: 6, meanMinutes: 785, time: 'calendar' }]);
      const byProcess = await csi.report({ metric: 'mttr', by: 'process' });
      expect(byProcess.rows.find((r) => r.process === 'incident')).toEqual({ period: '2026-03', process: 'incident', count: 4, meanMinutes: 427.5, time: 'calendar' });
    });

    it('first contact resolution: A and C of the three first incident resolutions (B was reassigned) = 66.6667 %', async () => {
      expect((await csi.report({ metric: 'first-contact-resolution' })).rows).toEqual([{ period: '2026-03', count: 3, firstContact: 2, percent: 66.6667 }]);
    });

    it('reopen rate: 1 reopen / 6 resolutions = 16.6667 %; incidents 1 / 4 = 25 %', async () => {
      expect((await csi.report({ metric: 'reopen-rate' })).rows).toEqual([{ period: '2026-03', count: 6, resolved: 6, reopened: 1, percent: 16.6667 }]);
      const byProcess = await csi.report({ metric: 'reopen-rate', by: 'process' });
      expect(byProcess.rows.find((r) => r.process === 'incident')).toMatchObject({ resolved: 4, reopened: 1, percent: 25 });
    });

    it('CSAT: ratings 3 and 5: mean 4, 50 % satisfied, response rate 2 / 6 resolutions = 33.3333 %', async () => {
      expect((await csi.report({ metric: 'csat' })).rows).toEqual([
        { period: '2026-03', count: 8, rated: 2, meanRating: 4, satisfiedPercent: 50, resolved: 6, responseRatePercent: 33.3333 },
      ]);
    });

    it('effort: 45 minutes worked, on service vpn in group network', async () => {
      expect((await csi.report({ metric: 'effort', by: 'group' })).rows).toEqual([{ period: '2026-03', group: 'network', count: 1, minutes: 45 }]);
    });

    it('change success: 1 successful of 2 closed (50 %), 1 backed out, 1 emergency (50 %)', async () => {
      expect((await csi.report({ metric: 'change-success' })).rows).toEqual([
        { period: '2026-03', count: 2, closed: 2, successful: 1, failed: 0, backedOut: 1, successPercent: 50, emergency: 1, emergencyPercent: 50 },
      ]);
    });

    it('backlog aging at 10 March 12:00: D in 0-1 days, F in 2-5, E in 31-90', async () => {
      const report = await csi.report({ metric: 'backlog-aging', asOf: '2026-03-10T12:00:00.000Z' });
      expect(report.rows).toEqual([
        { bucket: '0-1', count: 1 },
        { bucket: '2-5', count: 1 },
        { bucket: '31-90', count: 1 },
      ]);
      expect(report.definition).toBe(CSI_METRICS['backlog-aging']);
    });
  });
}
