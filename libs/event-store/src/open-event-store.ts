import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { DEFAULT_SQLITE_FILE, type Durability } from './sqlite/sqlite-event-store.options';

export interface EventStoreConfig {
  /** Path of the embedded store's file (ignored when a connection string is given). */
  sqliteFile?: string;
  durability?: Durability;
  now?: () => Date;
}

/** Opens the store the configuration selects: today the embedded SQLite file. */
export async function openEventStore(config: EventStoreConfig = {}): Promise<EventStore> {
  return new SqliteEventStore({ file: config.sqliteFile ?? DEFAULT_SQLITE_FILE, durability: config.durability, now: config.now });
}
