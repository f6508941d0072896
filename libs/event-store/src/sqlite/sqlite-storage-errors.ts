import { StorageFullError, StoreUnavailableError } from '../event-store.errors';

/** better-sqlite3's SqliteError carries SQLite's (extended) result code name, e.g. SQLITE_BUSY_SNAPSHOT. */
const sqliteCodeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/** Faults of the storage rather than of the write: the same write may succeed later. */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|NOMEM|PROTOCOL|CANTOPEN|READONLY_DBMOVED|INTERRUPT)(_|$)/;

/**
 * A SQLite failure as the port's typed error: a full disk (or `max_page_count`) is
 * StorageFullError, a lock held too long or an I/O fault is StoreUnavailableError. Anything else
 * (a port error thrown by the write itself, a constraint) is returned unchanged.
 */
export function toStorageError(error: unknown): unknown {
  const code = sqliteCodeOf(error);
  if (!code) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_FULL')) return new StorageFullError(`The event store is full (${code}: ${message}); nothing of this write was stored`, error);
  if (UNAVAILABLE.test(code)) return new StoreUnavailableError(`The event store cannot take the write now (${code}: ${message}); nothing of it was stored`, error);
  return error;
}
