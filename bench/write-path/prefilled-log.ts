import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { EVENT_OF, STEPS, dataOf } from './workload';

/** A store file whose log already holds `events` events (incidents of 5 events each), for the growth runs. */
export async function prefilledLog(events: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), `bench-prefilled-${events}-`)), 'events.db');
  await new SqliteEventStore({ file }).close(); // the store's own schema, indexes included
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // filling a scratch file: durability is not what is measured
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const fill = db.transaction((from: number, to: number) => {
    let incidentId = '';
    for (let i = from; i < to; i++) {
      if (i % STEPS.length === 0) incidentId = randomUUID();
      const step = STEPS[i % STEPS.length];
      const id = randomUUID();
      // About the size of the engine's envelope (ids, actor, times, machine, hash chain).
      const metadata = { id, actor: 'bench', occurredAt: new Date(0).toISOString(), correlationId: id, causationId: id, machine: { id: 'incident', version: 1 }, hash: `sha256:${id}${id}`, previousHash: null, schemaVersion: 1 };
      insert.run(`incident-${incidentId}`, i % STEPS.length, id, EVENT_OF[step], JSON.stringify(dataOf(step, incidentId)), JSON.stringify(metadata), 0);
    }
  });
  for (let from = 0; from < events; from += 10_000) fill(from, Math.min(events, from + 10_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** A private copy of a pre-filled log (each contender writes to its own), removed with `discard`. */
export function copyOf(template: string): { file: string; discard: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-growth-'));
  const file = join(dir, 'events.db');
  copyFileSync(template, file);
  return { file, discard: () => rmSync(dir, { recursive: true, force: true }) };
}

export const discardLog = (template: string): void => rmSync(dirname(template), { recursive: true, force: true });
