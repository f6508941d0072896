import { sql } from 'kysely';
import type { ReadModelDb } from '../database/read-model-db';
import { physicalNames } from '../database/table-renamer.plugin';
import { liveGeneration } from '../runner/generations';
import type { AnyProjection } from '../runner/projection';

/**
 * Every row of every live table of the projections, each table's rows sorted, for comparing two
 * read-model databases row by row. The search table's row id is included (it is data on SQLite's FTS5).
 */
export async function dumpReadModels(rm: ReadModelDb, projections: AnyProjection[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const projection of projections) {
    const gen = await liveGeneration(rm.db, projection.name);
    if (!gen) throw new Error(`${projection.name}: no live generation`);
    for (const [logical, physical] of Object.entries(physicalNames(projection.tables, gen.generation))) {
      const query = (logical === 'ticket_search' || logical === 'known_error_search') && rm.dialect === 'sqlite' ? sql`select rowid as seq, * from ${sql.table(physical)}` : sql`select * from ${sql.table(physical)}`;
      const { rows } = await query.execute(rm.db);
      out[`${projection.name}.${logical}`] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    }
  }
  return out;
}
