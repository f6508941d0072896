import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { RunnerTables } from './runner-tables';

export type SqlDialect = 'sqlite' | 'postgres';
export const DEFAULT_READ_MODEL_FILE = './data/read-models.db';

export interface ReadModelDbConfig {
  /** A PostgreSQL connection string: when given, the read models live there. */
  url?: string;
  /** The SQLite file otherwise (a separate file from the event store's). */
  file?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/**
 * One handle on the read-model database, whichever engine holds it. Every query goes through
 * Kysely, so SQLite and PostgreSQL share one code path; `dialect` is consulted only where the
 * engines truly differ (full-text search).
 */
export interface ReadModelDb {
  db: Kysely<RunnerTables>;
  dialect: SqlDialect;
  /** Where it is, for logs (the file, or the URL without its password). */
  location: string;
  close(): Promise<void>;
}

export function openReadModelDb(config: ReadModelDbConfig = {}): ReadModelDb {
  const url = config.url?.trim();
  if (url) {
    const pool = new Pool({ connectionString: url, max: config.poolSize ?? 5 });
    const db = new Kysely<RunnerTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'), close: () => db.destroy() };
  }
  const file = config.file ?? DEFAULT_READ_MODEL_FILE;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL, set on every open: in WAL mode it never corrupts the file, and a power cut can only
  // lose the last commits whole. A read model can afford that (the event store, whose commits are
  // the truth, uses FULL): rows and checkpoint commit in one transaction, so a lost commit takes
  // its checkpoint with it and the runner re-applies those events from the log, never doubled
  // nor skipped. It spares an fsync per batch, most of a batch's commit time.
  sqlite.pragma('synchronous = NORMAL');
  // A batch loads and upserts up to a few thousand rows scattered over the tickets' indexes: 16 MB
  // of page cache (default 2 MB) keeps those pages in memory; bounded, so a rebuild stays small.
  sqlite.pragma('cache_size = -16384');
  // A second projector or the CLI on the same file waits for the writer instead of failing.
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<RunnerTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; a projection runs the same few statements for every batch,
 * so preparing each SQL text once removes most of that cost. The cache is bounded by count and by
 * the size of its SQL texts: a batch's multi-row statements carry thousands of placeholders and
 * come in many sizes (a 1,000-row upsert is ~100 KB of SQL, plus its compiled statement): kept
 * by the hundred, they held tens of MB during a rebuild (CSI's peak heap went from 63 to 34 MB on
 * a 46k-event log). Least recently used goes first. 200k characters in all (statements over 50k
 * are not kept): a 46k-event tickets rebuild peaked 13-18 MB lower in RSS than with 1M, at the same CPU.
 */
function withStatementCache(sqlite: Database.Database, size = 500, maxChars = 200_000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  let chars = 0;
  const prepare = (text: string): Database.Statement => {
    const hit = cache.get(text);
    if (hit) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const statement = sqlite.prepare(text);
    if (text.length > maxChars / 4) return statement;
    cache.set(text, statement);
    chars += text.length;
    while (cache.size > size || chars > maxChars) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      chars -= oldest.length;
    }
    return statement;
  };
  return new Proxy(sqlite, { get: (target, key) => (key === 'prepare' ? prepare : Reflect.get(target, key, target)) });
}
