/**
 * Starts the EventStoreDB test double standalone (`npm run esdb-double`), storing into an
 * embedded SQLite file. Environment: ESDB_DOUBLE_PORT (default 2113), ESDB_DOUBLE_FILE (default
 * ./data/esdb-double.db), ESDB_DOUBLE_HOST (default 127.0.0.1). Prints the connection string.
 */
import { SqliteEventStore } from '../../sqlite/sqlite-event-store';
import { EsdbDouble } from './esdb-double';

async function main(): Promise<void> {
  const port = Number(process.env.ESDB_DOUBLE_PORT ?? 2113);
  const file = process.env.ESDB_DOUBLE_FILE ?? './data/esdb-double.db';
  const host = process.env.ESDB_DOUBLE_HOST ?? '127.0.0.1';
  const store = new SqliteEventStore({ file });
  const double = await EsdbDouble.start({ store, port, host });
  console.log(`EventStoreDB test double listening, storing into ${file}`);
  console.log(double.connectionString);
  const stop = async (): Promise<void> => {
    await double.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
