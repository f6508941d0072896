import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../database/read-model-db';
import { physicalNames, TableRenamerPlugin } from '../database/table-renamer.plugin';
import { liveGeneration } from '../runner/generations';

/**
 * A query handle on a projection's live generation. Resolved per query: after a switch the next
 * query reads the new tables; the one in flight finishes on the old ones, which stay.
 */
export async function liveTables<DB>(rm: ReadModelDb, name: string, tables: readonly string[]): Promise<Kysely<DB> | undefined> {
  const gen = await liveGeneration(rm.db, name);
  if (!gen) return undefined;
  return (rm.db as unknown as Kysely<DB>).withPlugin(new TableRenamerPlugin(physicalNames(tables, gen.generation)));
}
