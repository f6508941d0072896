import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDbFile = (name: string): string => join(mkdtempSync(join(tmpdir(), `bench-${name}-`)), 'events.db');

/** Runs `work` and returns operations per second. */
export async function perSecond(operations: number, work: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return operations / seconds;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function printTable(title: string, rows: [string, number, number | undefined][]): void {
  console.log(`\n${title}`);
  for (const [label, value, baseline] of rows) {
    const ratio = baseline ? `  ${(value / baseline).toFixed(2)}x baseline` : '';
    console.log(`  ${label.padEnd(62)} ${fmt(value).padStart(9)} /s${ratio}`);
  }
}

/** A bare better-sqlite3 database with the store's table, at the given durability: the baseline. */
export function openRawDb(durability: 'full' | 'normal', file = tempDbFile('raw')): { db: Database.Database; insert: Database.Statement } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  // IF NOT EXISTS: the growth runs open a copy of a pre-filled store file (the store's own table).
  db.exec(`CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return { db, insert };
}
