import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { allProjections, generationsOf, migrateRunnerTables, openReadModelDb, type ReadModelDb } from '@itil/read-models';
import { dumpReadModels } from '@itil/read-models/test-support/dump-read-models';
import { projectAll } from '@itil/read-models/test-support/project-all';
import { tempDir } from '@itil/read-models/test-support/read-model-targets';
import { EventWriter, IncidentV1, idOf } from '@itil/read-models/test-support/ticket-events';
import { exited, spawnProjector, until } from './test-support/projector-process';

jest.setTimeout(180_000);

const positions = async (rm: ReadModelDb) => {
  const rows = await Promise.all(['tickets', 'csi'].map((n) => generationsOf(rm.db, n)));
  return rows.map((g) => (g[0]?.position ? BigInt(g[0].position) : -1n));
};

describe('projector process: kill -9 in the middle of a batch, then restart', () => {
  it('leaves every read model equal, row by row, to a clean rebuild, with a writer appending the whole time', async () => {
    const dir = tempDir('projector-crash-');
    const storeFile = join(dir, 'events.db');
    const rmFile = join(dir, 'read-models.db');
    const store = new SqliteEventStore({ file: storeFile, durability: 'normal' });
    const w = new EventWriter(store);
    await w.publishLifecycle('incident');
    await generateIncidentFixture(store, { count: 300 });
    const env = { EVENT_STORE_FILE: storeFile, READ_MODEL_FILE: rmFile, READ_MODEL_DATABASE_URL: '', PROJECTOR_BATCH_SIZE: '10', PROJECTOR_POLL_MS: '50', PROJECTOR_LEASE_TTL_MS: '1000' };

    // A writer appending the whole time: new incidents with comments, from this process.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const inc = new IncidentV1(w, idOf(`live-${written}`));
        await inc.logged(new Date(Date.UTC(2026, 2, 2, 9, written % 60)).toISOString(), { title: `live ${written}` });
        await inc.commented(new Date(Date.UTC(2026, 2, 2, 10)).toISOString(), `note ${written}`);
        written++;
      }
    })();

    const first = spawnProjector(env);
    const rm = openReadModelDb({ file: rmFile });
    const head = async () => (await store.headPosition()) ?? 0n;
    try {
      // Kill it once it has committed some batches but is far from the end.
      await until(async () => { try { return await positions(rm); } catch { return [-1n, -1n]; } }, ([t]) => t > 300n, 60_000, () => first.output());
      first.kill('SIGKILL');
      await exited(first);
      const atKill = await positions(rm);
      expect(atKill[0]).toBeLessThan(await head());

      const second = spawnProjector(env);
      try {
        // Let the writer run a little under the new process too, then stop it and catch up.
        await until(async () => written, (n) => n > 20, 60_000, () => 'writer progress');
        writing = false;
        await writer;
        const final = await head();
        await until(() => positions(rm), (ps) => ps.every((p) => p === final), 120_000, () => second.output());
      } finally {
        second.kill('SIGTERM');
        await exited(second);
      }

      const clean = openReadModelDb({ file: join(dir, 'clean.db') });
      await migrateRunnerTables(clean.db);
      await projectAll(store, clean);
      const killed = await dumpReadModels(rm, allProjections());
      const rebuilt = await dumpReadModels(clean, allProjections());
      expect(Object.keys(killed).sort()).toEqual(Object.keys(rebuilt).sort());
      for (const table of Object.keys(rebuilt)) {
        expect({ table, rows: killed[table].length }).toEqual({ table, rows: rebuilt[table].length });
        expect(killed[table]).toEqual(rebuilt[table]);
      }
      expect(killed['tickets.tickets'].length).toBe(300 + written);
      await clean.close();
    } finally {
      writing = false;
      await writer;
      if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
      await rm.close();
      await store.close();
    }
  });
});
