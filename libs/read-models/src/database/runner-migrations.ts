import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { refreshReadModelViews } from './read-model-views';

/**
 * The runner's schema, as Kysely migrations (one definition for SQLite and PostgreSQL). The
 * projections' own tables are not here: each generation creates its tables when it starts, so a
 * rebuild can sit beside the live generation.
 */
const migrations: Record<string, Migration> = {
  '001-runner-tables': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('projection_generations')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('position', 'text')
        .addColumn('last_recorded_at', 'text')
        .addColumn('events_seen', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('parked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('live_since', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('projection_generations_pk', ['name', 'generation'])
        .execute();
      await db.schema
        .createTable('projection_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('projection_parked')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('parked_at', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addPrimaryKeyConstraint('projection_parked_pk', ['name', 'generation', 'position'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the runner's tables up to date; safe to call from several processes at once (Kysely locks). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateRunnerTables(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`read-model migrations failed${failed ? ` at ${failed}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The stable views (v_tickets, v_csi_daily...): their definitions are code, re-applied on every
  // start so a new view or column reaches an existing database; the runner re-points them at each switch.
  // Several processes may start at once: one that loses a race on a view's DDL tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute((tx) => refreshReadModelViews(tx));
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
