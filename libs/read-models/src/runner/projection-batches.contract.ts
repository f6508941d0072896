import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { allProjections } from '../projections/all-projections';
import type { AnyProjection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { dumpReadModels } from '../test-support/dump-read-models';
import { projectAll } from '../test-support/project-all';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { SlaWriter } from '../test-support/sla-events';
import { ContractTicket, EventWriter, IncidentV1, idOf } from '../test-support/ticket-events';

const at = (n: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, n)).toISOString();

/**
 * Histories interleaved across tickets, so one batch holds several events of one ticket and of
 * many: reopen after resolve, title changes (search), comments, work, links removed and added
 * again under the same id, a lifecycle published in the middle, a migration to it, SLA clocks
 * (a policy, a breach on a ticket's sla- stream), a known error published then updated.
 */
async function writeHistories(w: EventWriter): Promise<void> {
  await w.publishLifecycle('incident');
  await w.publishLifecycle('change-normal');
  await w.publishLifecycle('problem');
  const sla = new SlaWriter(w);
  await sla.standard();
  const lifecycle = { id: 'incident', version: 1 };
  const tickets = Array.from({ length: 6 }, (_, i) => new ContractTicket(w, 'incident', 'Incident', idOf(`batch-${i}`), lifecycle));
  const v1 = Array.from({ length: 4 }, (_, i) => new IncidentV1(w, idOf(`batch-v1-${i}`)));
  const change = new ContractTicket(w, 'change', 'Change', idOf('batch-change'), { id: 'change-normal', version: 1 });
  let n = 0;
  for (const [i, t] of tickets.entries()) await t.opened('IncidentLogged', at(n++), 'new', { title: `printer ${i}`, service: 'print', priority: 1 + (i % 4) });
  for (const [i, t] of v1.entries()) await t.logged(at(n++), { title: `vpn ${i}`, service: 'vpn' });
  await change.opened('ChangeRequested', at(n++), 'new', { title: 'patch', service: 'vpn' });
  for (const [i, t] of tickets.entries()) {
    await t.moved('IncidentAssigned', at(n++), 'new', 'assigned', 'ASSIGN', { assignmentGroup: i % 2 ? 'desk' : 'network', assignee: 'ana' });
    await t.commented(at(n++), 'c1', `first note on ${i}`);
  }
  for (const [i, t] of v1.entries()) {
    await t.assigned(at(n++), 'new', 'network', 'raj');
    await t.commented(at(n++), `vpn note ${i}`);
  }
  for (const [i, t] of tickets.entries()) {
    await t.updated(at(n++), { title: `printer ${i} on fire`, satisfactionRating: 4 });
    await t.workLogged(at(n++), 'w1', 15 + i);
    await w.append(t.stream, 'IncidentLinked', { ticketId: t.id, linkId: 'l1', kind: 'related', target: { type: 'ticket', id: change.id, process: 'change' } }, { at: at(n++), machine: lifecycle, schemaVersion: 2 });
    await t.moved('IncidentResolved', at(n++), 'assigned', 'resolved', 'RESOLVE', { resolutionCode: 'fixed' });
    if (i % 2 === 0) {
      await w.append(t.stream, 'IncidentUnlinked', { ticketId: t.id, linkId: 'l1' }, { at: at(n++), machine: lifecycle, schemaVersion: 2 });
      await t.moved('IncidentReopened', at(n++), 'resolved', 'inProgress', 'REOPEN');
      await w.append(t.stream, 'IncidentLinked', { ticketId: t.id, linkId: 'l1', kind: 'caused-by', target: { type: 'ticket', id: v1[0].id, process: 'incident' } }, { at: at(n++), machine: lifecycle, schemaVersion: 2 });
      await t.commented(at(n++), 'c2', `second note on ${i}`);
      await t.workLogged(at(n++), 'w2', 30);
    } else {
      // The same link id again without an unlink: ignored, the first one stays.
      await w.append(t.stream, 'IncidentLinked', { ticketId: t.id, linkId: 'l1', kind: 'duplicate', target: { type: 'ticket', id: v1[1].id } }, { at: at(n++), machine: lifecycle, schemaVersion: 2 });
    }
  }
  await w.publishLifecycle('incident', 2, at(n++));
  await w.append(tickets[1].stream, 'IncidentLifecycleMigrated', { ticketId: tickets[1].id, lifecycle: { id: 'incident', version: 2 }, toState: 'resolved' }, { at: at(n++), machine: lifecycle, schemaVersion: 2 });
  for (const t of v1) await t.resolved(at(n++));
  await change.moved('ChangeAssessmentStarted', at(n++), 'new', 'assessment', 'ASSESS');
  await change.moved('ChangeClosed', at(n++), 'assessment', 'closed', 'CLOSE', { outcome: 'successful' });
  // A breach of a ticket no batch of its own events touches after it, and one of a ticket it does.
  await sla.breached(tickets[3].stream, 'response', at(n++), 30 * 60_000);
  await sla.breached(tickets[4].stream, 'resolution', at(n++), 240 * 60_000);
  await tickets[4].updated(at(n++), { priority: 2 });
  const problem = new ContractTicket(w, 'problem', 'Problem', idOf('batch-problem'), { id: 'problem', version: 1 });
  await problem.opened('ProblemLogged', at(n++), 'new', { title: 'relay drops mail', description: 'over 20 MB', service: 'email' });
  await problem.moved('ProblemWorkaroundRecorded', at(n++), 'new', 'knownError', 'RECORD_WORKAROUND', { workaround: 'use the share', knownErrorPublishedAt: at(n - 1) });
  await problem.updated(at(n++), { rootCause: 'pool capped' });
}

/** Batching is an optimisation: whatever the batch size, every projection writes the same rows. */
export function projectionBatchesContract(target: RmTarget): void {
  describe(`${target.name}: projections applied in batches`, () => {
    let store: EventStore;
    const opened: { rm: ReadModelDb; dispose(): Promise<void> }[] = [];
    const open = async () => {
      const t = await target.open();
      opened.push(t);
      return t.rm;
    };

    beforeEach(async () => {
      store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
      await writeHistories(new EventWriter(store));
    });
    afterEach(async () => {
      for (const t of opened.splice(0)) await t.dispose();
      await store.close();
    });

    it('write the same rows, table by table, as the same events applied one at a time', async () => {
      const one = await open();
      const many = await open();
      const odd = await open();
      const pages = await open();
      await projectAll(store, one, allProjections(), 1, 1);
      await projectAll(store, many, allProjections(), 1000);
      await projectAll(store, odd, allProjections(), 7, 7);
      // Transactions over pages: pages of 3 events, up to 10 events per batch.
      await projectAll(store, pages, allProjections(), 3, 10);
      const expected = await dumpReadModels(one, allProjections());
      expect(expected['tickets.ticket_links']).toHaveLength(6);
      expect(expected['tickets.ticket_links'].filter((r) => r.includes('duplicate'))).toEqual([]);
      expect(expected['tickets.ticket_comments']).toHaveLength(13);
      expect(expected['tickets.tickets'].filter((r) => r.includes('"sla_breached":1'))).toHaveLength(2);
      expect(expected['tickets.known_errors']).toEqual([expect.stringContaining('pool capped')]);
      for (const db of [many, odd, pages]) {
        const got = await dumpReadModels(db, allProjections());
        for (const table of Object.keys(expected)) expect({ table, rows: got[table] }).toEqual({ table, rows: expected[table] });
      }
    });

    // What a projection remembers between batches holds only while its batches follow one another.
    it('write the same rows when batches roll back after their work, or alternate between two projectors, as when every batch reads afresh', async () => {
      const fresh = await open();
      const rolledBack = await open();
      const alternating = await open();
      const spanning = await open();
      await stepAll(store, fresh, 5, (name) => [() => projectionNamed(name)]);
      let calls = 0;
      // Every third batch does all its work, then fails: rolled back, then applied again one by one.
      const failingAfterWork = (base: AnyProjection): AnyProjection => ({
        ...base,
        openBatch: (tx, c) => {
          const batch = base.openBatch!(tx, c);
          return {
            add: (events) => batch.add(events),
            held: () => batch.held(),
            flush: async () => {
              await batch.flush();
              if (++calls % 3 === 0) throw new Error('rolled back after its work');
            },
          };
        },
      });
      await stepAll(store, rolledBack, 5, (name) => {
        const instance = failingAfterWork(projectionNamed(name));
        return [() => instance];
      });
      expect(calls).toBeGreaterThan(3);
      // The same over batches of many pages: a batch that fails goes again a page at a time.
      calls = 0;
      await stepAll(
        store,
        spanning,
        2,
        (name) => {
          const instance = failingAfterWork(projectionNamed(name));
          return [() => instance];
        },
        9,
      );
      expect(calls).toBeGreaterThan(3);
      await stepAll(store, alternating, 5, (name) => {
        const a = projectionNamed(name);
        const b = projectionNamed(name);
        return [() => a, () => b];
      });
      const expected = await dumpReadModels(fresh, allProjections());
      for (const db of [rolledBack, alternating, spanning]) {
        const got = await dumpReadModels(db, allProjections());
        for (const table of Object.keys(expected)) expect({ table, rows: got[table] }).toEqual({ table, rows: expected[table] });
      }
    });
  });
}

const projectionNamed = (name: string): AnyProjection => allProjections().find((p) => p.name === name)!;

/**
 * Every projection to the head, one step (batch) at a time, each step by the next of the
 * instances `instancesOf` gives (a new one per step when it makes one each time), under one
 * holder. A page per batch unless `maxBatchEvents` says more.
 */
async function stepAll(store: EventStore, rm: ReadModelDb, batchSize: number, instancesOf: (name: string) => (() => AnyProjection)[], maxBatchEvents = batchSize): Promise<void> {
  for (const { name } of allProjections()) {
    const instances = instancesOf(name);
    for (let step = 0; ; step++) {
      const runner = new ProjectionRunner({ store, rm, projection: instances[step % instances.length](), holder: 'test', batchSize, maxBatchEvents, backoffMs: () => 0 });
      if (!(await runner.acquire())) throw new Error(`lease on ${name} is held`);
      const outcome = await runner.step();
      if (outcome === 'caught-up') break;
      if (outcome !== 'progressed') throw new Error(`${name}: ${outcome}`);
    }
  }
}
