import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { DEFAULT_SQLITE_FILE, type Durability } from './sqlite/sqlite-event-store.options';

export interface EventStoreConfig {
  /**
   * An EventStoreDB connection string (`esdb://host:2113?tls=false`, `esdb+discover://host:2113`,
   * `esdb://a:2113,b:2113,c:2113`): when given, the EventStoreDB adapter is used. The API passes
   * `EVENTSTORE_CONNECTION_STRING` here. Empty or absent: the embedded store.
   */
  connectionString?: string;
  /** Path of the embedded store's file (ignored when a connection string is given). */
  sqliteFile?: string;
  /** Embedded store only: EventStoreDB's durability is the server's configuration. */
  durability?: Durability;
  /** Embedded store only: EventStoreDB stamps `recordedAt` with the server's clock. */
  now?: () => Date;
  /** Embedded store only: how often subscriptions look for commits made through another connection. */
  pollIntervalMs?: number;
}

/** Opens the store the configuration selects: EventStoreDB for a connection string, else the embedded SQLite file. */
export async function openEventStore(config: EventStoreConfig = {}): Promise<EventStore> {
  const connectionString = config.connectionString?.trim();
  if (connectionString) {
    // Loaded on demand: the embedded store does not pay for the gRPC client at start-up.
    const { EsdbEventStore } = await import('./esdb/esdb-event-store');
    return new EsdbEventStore({ connectionString });
  }
  return new SqliteEventStore({ file: config.sqliteFile ?? DEFAULT_SQLITE_FILE, durability: config.durability, now: config.now, pollIntervalMs: config.pollIntervalMs });
}
