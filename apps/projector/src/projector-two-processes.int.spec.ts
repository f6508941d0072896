import { join } from 'node:path';
import { sql } from 'kysely';
import { SqliteEventStore } from '@itil/event-store';
import { generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { generationsOf, migrateRunnerTables, openReadModelDb } from '@itil/read-models';
import { createPgDatabase, describePg } from '@itil/read-models/test-support/pg-database';
import { tempDir } from '@itil/read-models/test-support/read-model-targets';
import { EventWriter } from '@itil/read-models/test-support/ticket-events';
import { exited, spawnProjector, until } from './test-support/projector-process';

jest.setTimeout(180_000);

describePg('two projector processes on one PostgreSQL database', () => {
  it('apply each event exactly once, also when the lease holder is killed and the other takes over', async () => {
    const dir = tempDir('projector-two-');
    const storeFile = join(dir, 'events.db');
    const store = new SqliteEventStore({ file: storeFile, durability: 'normal' });
    await new EventWriter(store).publishLifecycle('incident');
    await generateIncidentFixture(store, { count: 400 });
    const total = (await store.readAll({ maxCount: 1_000_000 })).length;
    const head = (await store.headPosition())!;
    const database = await createPgDatabase();
    const rm = openReadModelDb({ url: database.url });
    await migrateRunnerTables(rm.db);
    const env = (holder: string) => ({ EVENT_STORE_FILE: storeFile, READ_MODEL_DATABASE_URL: database.url, PROJECTOR_BATCH_SIZE: '10', PROJECTOR_POLL_MS: '50', PROJECTOR_LEASE_TTL_MS: '1500', PROJECTOR_HOLDER: holder });
    const entry = 'apps/projector/src/test-support/counting-projector.main.ts';
    const a = spawnProjector(env('projector-a'), entry);
    const b = spawnProjector(env('projector-b'), entry);
    const counted = async () => {
      try {
        const [gen] = await generationsOf(rm.db, 'counting');
        return gen?.position ? BigInt(gen.position) : -1n;
      } catch {
        return -1n;
      }
    };
    try {
      await until(counted, (p) => p > 0n, 60_000, () => a.output() + b.output());
      // Kill whichever holds the lease, mid-run; the other must take over from the checkpoint.
      const holder = (await sql<{ holder: string }>`select holder from projection_leases where name = 'counting'`.execute(rm.db)).rows[0].holder;
      const victim = holder === 'projector-a' ? a : b;
      const survivor = victim === a ? b : a;
      victim.kill('SIGKILL');
      await exited(victim);
      expect(await counted()).toBeLessThan(head);
      await until(counted, (p) => p === head, 120_000, () => survivor.output());
      const { rows } = await sql<{ n: string; distinct_ids: string; holders: string }>`select count(*) as n, count(distinct event_id) as distinct_ids, count(distinct holder) as holders from applied_events_g1`.execute(rm.db);
      expect({ applied: Number(rows[0].n), distinct: Number(rows[0].distinct_ids) }).toEqual({ applied: total, distinct: total });
      const byHolder = (await sql<{ holder: string; n: string }>`select holder, count(*) as n from applied_events_g1 group by holder`.execute(rm.db)).rows;
      expect({ holder, byHolder: byHolder.length }).toEqual({ holder, byHolder: 2 }); // both processes did part of the work
    } finally {
      for (const child of [a, b]) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await Promise.all([exited(a), exited(b)]);
      await rm.close();
      await database.drop();
      await store.close();
    }
  });
});
