import type { Kysely } from 'kysely';
import type { SlaTableNames } from './sla-folds';

/** A projection's own copy of the SLA tables (each projection rebuilds alone, so none shares them). */
export async function createSlaTables(db: Kysely<unknown>, t: SlaTableNames): Promise<void> {
  await db.schema
    .createTable(t.definitions)
    .addColumn('position', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(t.folds)
    .addColumn('stream_id', 'text', (c) => c.primaryKey())
    .addColumn('fold_json', 'text', (c) => c.notNull())
    .execute();
}
