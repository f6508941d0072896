/**
 * Durability of the embedded store, i.e. SQLite's `synchronous` pragma in WAL mode:
 * - `full` (default): every commit is fsynced before the append resolves. An acknowledged event
 *   survives a power cut. This is an audit log, so this is the default.
 * - `normal`: commits reach the OS but the WAL is fsynced only at checkpoints. Survives a crash of
 *   the process, but a power cut can lose the last acknowledged commits (never corrupts the file).
 *   Roughly 5x the append rate on these machines.
 */
export type Durability = 'full' | 'normal';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or `:memory:` for tests about logic rather than durability. */
  file: string;
  durability?: Durability;
  /** The store's clock for `recordedAt` and `maxAge`. Injected so tests control time. */
  now?: () => Date;
  /** How often a caught-up subscription polls for writes made by another process. */
  pollIntervalMs?: number;
  /** Page size of catch-up reads. */
  pageSize?: number;
  /**
   * SQLite's `max_page_count`: caps the file at this many pages (4 KiB each by default). A full
   * store refuses writes with StorageFullError and stays consistent. Unset: no cap but the disk's.
   */
  maxPageCount?: number;
  /**
   * How long a write waits for the file's write lock while another process holds it, default
   * 5,000 ms (also SQLite's `busy_timeout` for other statements). Past it the write fails with
   * StoreUnavailableError and writes nothing. The wait does not block the event loop beyond a
   * few milliseconds at a time: reads go on meanwhile, and writes arriving join the waiting batch.
   */
  busyTimeoutMs?: number;
  /** Called with the text of every SQL statement run (better-sqlite3's `verbose`): for statement counts in tests and the benchmark. */
  traceStatements?: (sql: string) => void;
}

export const DEFAULT_SQLITE_FILE = './data/events.db';
