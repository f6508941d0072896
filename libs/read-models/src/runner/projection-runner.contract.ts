import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import { physicalNames, TableRenamerPlugin } from '../database/table-renamer.plugin';
import { ticketsProjection } from '../projections/tickets/tickets.projection';
import type { TicketsTables } from '../projections/tickets/tickets.tables';
import { EventWriter, IncidentV1, idOf } from '../test-support/ticket-events';
import { tempDir, type RmTarget } from '../test-support/read-model-targets';
import { generationsOf, liveGeneration } from './generations';
import { leaseOf } from './lease';
import { parkedEvents, retryParked, skipParked } from './parking';
import type { AnyProjection } from './projection';
import { ProjectionVersionAheadError } from './projection.errors';
import { ProjectionRunner } from './projection-runner';

/**
 * A projection that cannot project the events `fails` picks, one at a time or within a batch
 * (as a real one would: a batch fails when any of its events does). `onFailure` counts.
 */
function failingOn(base: AnyProjection, fails: (e: RecordedEvent) => boolean, onFailure: (e: RecordedEvent, batch: boolean) => void = () => undefined): AnyProjection {
  return {
    ...base,
    apply: async (tx, e, c) => {
      if (fails(e)) {
        onFailure(e, false);
        throw new Error('cannot project this');
      }
      return base.apply(tx, e, c);
    },
    openBatch: (tx, c) => {
      const batch = base.openBatch!(tx, c);
      return {
        add: async (events) => {
          const bad = events.find(fails);
          if (bad) {
            onFailure(bad, true);
            throw new Error('cannot project this');
          }
          return batch.add(events);
        },
        flush: () => batch.flush(),
        held: () => batch.held(),
      };
    },
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();

/** Reads a projection's live tables the way queries do. */
async function live(rm: ReadModelDb, name: string): Promise<Kysely<TicketsTables>> {
  const gen = await liveGeneration(rm.db, name);
  return (rm.db as unknown as Kysely<TicketsTables>).withPlugin(new TableRenamerPlugin(physicalNames(['tickets', 'ticket_comments'], gen!.generation)));
}

/** The runner's behaviour, run against every read-model engine. */
export function projectionRunnerContract(target: RmTarget): void {
  let store: EventStore;
  let rm: ReadModelDb;
  let dispose: () => Promise<void>;
  let w: EventWriter;
  let now: number;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: join(tempDir(), 'events.db') });
    ({ rm, dispose } = await target.open());
    w = new EventWriter(store);
    now = Date.parse('2026-03-02T10:00:00Z');
    await w.publishLifecycle('incident');
  });
  afterEach(async () => {
    await dispose();
    await store.close();
  });

  const runner = (projection: AnyProjection = ticketsProjection(), holder = 'test-a', extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) =>
    new ProjectionRunner({ store, rm, projection, holder, batchSize: 3, backoffMs: () => 0, nowMs: () => now, leaseTtlMs: 10_000, ...extra });

  describe(`${target.name}: projection runner`, () => {
    it('projects an incident v1 history into its ticket row and comments, and checkpoints at the last event', async () => {
      const inc = new IncidentV1(w, idOf('inc-1'));
      await inc.logged(at(0), { title: 'VPN down', service: 'vpn' });
      await inc.assigned(at(1), 'new', 'network', 'raj');
      await inc.started(at(2), 'raj');
      await inc.commented(at(3), 'ISP replaced the edge router');
      const last = await inc.resolved(at(4));
      const r = runner();
      expect(await r.acquire()).toBe(true);
      expect(await r.catchUp()).toBe('caught-up');
      const db = await live(rm, 'tickets');
      const row = await db.selectFrom('tickets').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ ticket_id: inc.id, process: 'incident', state: 'resolved', state_category: 'resolved', assignment_group: 'network', assignee: 'raj', service: 'vpn', resolved_at: at(4), comment_count: 1 });
      expect(Number(row.is_open)).toBe(0);
      expect(await db.selectFrom('ticket_comments').select(['text', 'author']).execute()).toEqual([{ text: 'ISP replaced the edge router', author: 'user:raj' }]);
      const [gen] = await generationsOf(rm.db, 'tickets');
      expect(gen).toMatchObject({ generation: 1, role: 'live', events_seen: 6 });
      expect(BigInt(gen.position!)).toBe(last);
    });

    it('retries a failing event, parks it with its error, stops before it, and goes on only after an operator retries it', async () => {
      const inc = new IncidentV1(w, idOf('inc-2'));
      await inc.logged(at(0), { title: 'Printer on fire' });
      const failing = await inc.commented(at(1), 'poison');
      await inc.commented(at(2), 'after');
      let failures = 0;
      let batchFailures = 0;
      let broken = true;
      const flaky = failingOn(
        ticketsProjection(),
        (e) => broken && e.type === 'IncidentCommented' && (e.data as { text: string }).text === 'poison',
        (_e, batch) => (batch ? batchFailures++ : failures++),
      );
      const r = runner(flaky, 'test-a', { maxAttempts: 3 });
      await r.acquire();
      expect(await r.catchUp()).toBe('parked');
      // The batch (lifecycle, logged, poison) failed once; the poison event alone, three times.
      expect(batchFailures).toBe(1);
      expect(failures).toBe(3);
      // The events before it in the failed batch were committed, not lost with it.
      expect(await (await live(rm, 'tickets')).selectFrom('tickets').select('ticket_id').execute()).toHaveLength(1);
      const [parked] = await parkedEvents(rm.db, 'tickets');
      expect(parked).toMatchObject({ event_type: 'IncidentCommented', attempts: 3, decision: null });
      expect(BigInt(parked.position)).toBe(failing);
      expect(parked.error).toContain('cannot project this');
      const [gen] = await generationsOf(rm.db, 'tickets');
      expect(gen.parked).toBe(1);
      expect(BigInt(gen.position!)).toBeLessThan(failing);
      // Still parked on the next step: it never advances past the event by itself.
      expect(await r.step()).toBe('parked');
      broken = false;
      await retryParked(rm.db, 'tickets', 'operator:olga', new Date(now).toISOString());
      expect(await r.catchUp()).toBe('caught-up');
      const db = await live(rm, 'tickets');
      expect((await db.selectFrom('ticket_comments').select('text').orderBy('position').execute()).map((c) => c.text)).toEqual(['poison', 'after']);
      expect((await parkedEvents(rm.db, 'tickets'))[0]).toMatchObject({ decision: 'retry', decided_by: 'operator:olga' });
    });

    it('applies a batch over many pages that fails again a page at a time, commits what precedes the failing event, and parks it', async () => {
      const inc = new IncidentV1(w, idOf('inc-pages'));
      // Pages of 3: [lifecycle, logged, c1] [c2, poison, after]; one batch would span both.
      await inc.logged(at(0), { title: 'Printer on fire' });
      await inc.commented(at(1), 'c1');
      await inc.commented(at(2), 'c2');
      const failing = await inc.commented(at(3), 'poison');
      await inc.commented(at(4), 'after');
      let failures = 0;
      const batchFailures: number[] = [];
      let broken = true;
      const flaky = failingOn(
        ticketsProjection(),
        (e) => broken && e.type === 'IncidentCommented' && (e.data as { text: string }).text === 'poison',
        (_e, batch) => (batch ? batchFailures.push(1) : failures++),
      );
      const r = runner(flaky, 'test-a', { maxAttempts: 3, maxBatchEvents: 100 });
      await r.acquire();
      expect(await r.catchUp()).toBe('parked');
      // The batch over both pages failed; then the second page alone; then the poison alone, three times.
      expect(batchFailures).toHaveLength(2);
      expect(failures).toBe(3);
      const db = await live(rm, 'tickets');
      expect((await db.selectFrom('ticket_comments').select('text').orderBy('position').execute()).map((c) => c.text)).toEqual(['c1', 'c2']);
      const [parked] = await parkedEvents(rm.db, 'tickets');
      expect(BigInt(parked.position)).toBe(failing);
      broken = false;
      await retryParked(rm.db, 'tickets', 'operator:olga', new Date(now).toISOString());
      expect(await r.catchUp()).toBe('caught-up');
      expect((await db.selectFrom('ticket_comments').select('text').orderBy('position').execute()).map((c) => c.text)).toEqual(['c1', 'c2', 'poison', 'after']);
      const [gen] = await generationsOf(rm.db, 'tickets');
      expect(gen.events_seen).toBe(6);
    });

    it('commits a batch over many pages while catching up, and a page per batch on the live tail', async () => {
      const inc = new IncidentV1(w, idOf('inc-tail'));
      await inc.logged(at(0), { title: 'Disk full' });
      for (let i = 1; i <= 7; i++) await inc.commented(at(i), `note ${i}`);
      const seen: number[] = [];
      const r = runner(ticketsProjection(), 'test-a', { maxBatchEvents: 6, onProgress: (p) => seen.push(p.eventsSeen) });
      await r.acquire();
      expect(await r.catchUp()).toBe('caught-up');
      // 9 events in pages of 3: a batch of two pages (6 events, the most), then the last page.
      expect(seen).toEqual([6, 9]);
      await inc.commented(at(8), 'live');
      expect(await r.catchUp()).toBe('caught-up');
      expect(seen).toEqual([6, 9, 10]);
      const db = await live(rm, 'tickets');
      expect(await db.selectFrom('tickets').select('comment_count').executeTakeFirstOrThrow()).toEqual({ comment_count: 8 });
    });

    it('skips a parked event only on an operator decision, recorded with who decided', async () => {
      const inc = new IncidentV1(w, idOf('inc-3'));
      await inc.logged(at(0), { title: 'Disk full' });
      await inc.commented(at(1), 'poison');
      await inc.commented(at(2), 'after');
      const poisoned = failingOn(ticketsProjection(), (e) => (e.data as { text?: string }).text === 'poison');
      const r = runner(poisoned);
      await r.acquire();
      expect(await r.catchUp()).toBe('parked');
      await skipParked(rm.db, 'tickets', 'operator:olga', new Date(now).toISOString());
      expect(await r.catchUp()).toBe('caught-up');
      const db = await live(rm, 'tickets');
      expect((await db.selectFrom('ticket_comments').select('text').execute()).map((c) => c.text)).toEqual(['after']);
      expect((await parkedEvents(rm.db, 'tickets'))[0]).toMatchObject({ decision: 'skip', decided_by: 'operator:olga' });
      expect((await generationsOf(rm.db, 'tickets'))[0].events_seen).toBe(4);
    });

    it('rebuilds a new version beside the live tables, which stay readable until the new ones caught up, then switches', async () => {
      const inc = new IncidentV1(w, idOf('inc-4'));
      await inc.logged(at(0), { title: 'Email slow' });
      await inc.assigned(at(1), 'new', 'messaging', null);
      const v1 = runner();
      await v1.acquire();
      await v1.catchUp();
      await inc.commented(at(2), 'more');
      await inc.commented(at(3), 'and more');
      const current = ticketsProjection().version;
      const v2 = runner({ ...ticketsProjection(), version: current + 1 }, 'test-a', { batchSize: 2 });
      expect(await v2.step()).toBe('progressed'); // 2 of 5 events into generation 2
      const gens = await generationsOf(rm.db, 'tickets');
      expect(gens.map((g) => [g.generation, g.version, g.role])).toEqual([[2, current + 1, 'building'], [1, current, 'live']]);
      // Queries still read generation 1, as it was.
      const old = await live(rm, 'tickets');
      expect((await old.selectFrom('tickets').select('comment_count').executeTakeFirstOrThrow()).comment_count).toBe(0);
      expect(await v2.catchUp()).toBe('caught-up');
      const after = await generationsOf(rm.db, 'tickets');
      expect(after.map((g) => [g.generation, g.role])).toEqual([[2, 'live'], [1, 'retired']]);
      const fresh = await live(rm, 'tickets');
      expect(Number((await fresh.selectFrom('tickets').select('comment_count').executeTakeFirstOrThrow()).comment_count)).toBe(2);
      // The retired tables are still there and readable.
      const retired = (rm.db as unknown as Kysely<TicketsTables>).withPlugin(new TableRenamerPlugin(physicalNames(['tickets'], 1)));
      expect(await retired.selectFrom('tickets').select('ticket_id').execute()).toHaveLength(1);
    });

    it('refuses to write a projection whose stored version is newer than the code', async () => {
      const v2 = runner({ ...ticketsProjection(), version: ticketsProjection().version + 1 });
      await v2.acquire();
      await v2.catchUp();
      await expect(runner().step()).rejects.toBeInstanceOf(ProjectionVersionAheadError);
    });

    it('gives the lease to one holder; another takes over only once the holder stopped renewing', async () => {
      const a = runner(ticketsProjection(), 'holder-a');
      const b = runner(ticketsProjection(), 'holder-b');
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      now += 9_000;
      expect(await a.renew()).toBe(true);
      now += 9_000;
      expect(await b.acquire()).toBe(false);
      now += 10_001; // a died: no renewal for longer than the TTL
      expect(await b.acquire()).toBe(true);
      expect(await a.renew()).toBe(false);
      expect((await leaseOf(rm.db, 'tickets'))?.holder).toBe('holder-b');
    });

    it('a holder that lost its lease cannot commit a batch: the events are applied once, by the new holder', async () => {
      const inc = new IncidentV1(w, idOf('inc-5'));
      await inc.logged(at(0), { title: 'Wifi' });
      await inc.commented(at(1), 'one');
      const a = runner(ticketsProjection(), 'holder-a');
      const b = runner(ticketsProjection(), 'holder-b');
      await a.acquire();
      now += 20_000;
      await b.acquire();
      expect(await a.step()).toBe('lease-lost');
      expect(await b.catchUp()).toBe('caught-up');
      const db = await live(rm, 'tickets');
      expect(await db.selectFrom('ticket_comments').select('text').execute()).toHaveLength(1);
    });

    it('ignores events it does not know (other types, newer shapes) and still checkpoints past them', async () => {
      await w.append('sla-timer-1', 'SlaTimerFired', { whatever: true }, { at: at(0) });
      await w.append('incident-x', 'IncidentTeleported', { to: 'mars' }, { at: at(1) });
      const r = runner();
      await r.acquire();
      expect(await r.catchUp()).toBe('caught-up');
      expect((await generationsOf(rm.db, 'tickets'))[0].events_seen).toBe(3);
    });
  });
}
