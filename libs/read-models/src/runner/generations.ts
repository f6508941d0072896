import type { Kysely, Transaction } from 'kysely';
import type { SqlDialect } from '../database/read-model-db';
import type { ProjectionGenerationsTable, RunnerTables } from '../database/runner-tables';
import { physicalNames } from '../database/table-renamer.plugin';
import type { AnyProjection } from './projection';
import { ProjectionVersionAheadError } from './projection.errors';
import { refreshReadModelViews } from '../database/read-model-views';

export type Generation = ProjectionGenerationsTable;

export async function generationsOf(db: Kysely<RunnerTables>, name: string): Promise<Generation[]> {
  const rows = await db.selectFrom('projection_generations').selectAll().where('name', '=', name).orderBy('generation', 'desc').execute();
  return rows.map(normalize);
}

/** The generation queries read: the live one (the first build is live from its first batch). */
export async function liveGeneration(db: Kysely<RunnerTables>, name: string): Promise<Generation | undefined> {
  const row = await db.selectFrom('projection_generations').selectAll().where('name', '=', name).where('role', '=', 'live').executeTakeFirst();
  return row ? normalize(row) : undefined;
}

/**
 * The generation the runner must advance: the newest one. A first run creates generation 1 (live
 * at once: there is nothing older to read); a version newer than the newest generation's creates
 * a building generation beside the live one; a stored version newer than the code's is refused.
 */
export async function targetGeneration(rm: { db: Kysely<RunnerTables>; dialect: SqlDialect }, projection: AnyProjection, now: string): Promise<Generation> {
  const [newest] = await generationsOf(rm.db, projection.name);
  if (newest && newest.version > projection.version) throw new ProjectionVersionAheadError(projection.name, projection.version, newest.version);
  if (newest && newest.version === projection.version) return newest;
  return createGeneration(rm, projection, now);
}

/** A new generation from zero, with its own tables, in one transaction (DDL is transactional on both engines). */
export async function createGeneration(rm: { db: Kysely<RunnerTables>; dialect: SqlDialect }, projection: AnyProjection, now: string): Promise<Generation> {
  return rm.db.transaction().execute(async (tx) => {
    const last = await tx.selectFrom('projection_generations').select((eb) => eb.fn.max('generation').as('g')).where('name', '=', projection.name).executeTakeFirst();
    const generation = Number(last?.g ?? 0) + 1;
    const hasLive = await tx.selectFrom('projection_generations').select('generation').where('name', '=', projection.name).where('role', '=', 'live').executeTakeFirst();
    const row: Generation = {
      name: projection.name,
      generation,
      version: projection.version,
      role: hasLive ? 'building' : 'live',
      position: null,
      last_recorded_at: null,
      events_seen: 0,
      parked: 0,
      started_at: now,
      live_since: hasLive ? null : now,
      updated_at: now,
    };
    await tx.insertInto('projection_generations').values(row).execute();
    await projection.createTables(tx as Transaction<unknown>, physicalNames(projection.tables, generation), rm.dialect);
    // A first generation is live at once: the stable views read it from now on.
    if (!hasLive) await refreshReadModelViews(tx, projection.name);
    return row;
  });
}

/**
 * The atomic switch: once a building generation has caught up, it becomes live and the old live
 * one retires (its tables stay, readable, until dropped). Readers resolve the live generation per
 * query, so each sees either the old tables or the new ones, never a mix.
 */
export async function promoteGeneration(db: Kysely<RunnerTables>, name: string, generation: number, now: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('projection_generations').set({ role: 'retired', updated_at: now }).where('name', '=', name).where('generation', '<', generation).where('role', '!=', 'retired').execute();
    await tx.updateTable('projection_generations').set({ role: 'live', live_since: now, updated_at: now }).where('name', '=', name).where('generation', '=', generation).execute();
    await refreshReadModelViews(tx, name);
  });
}

function normalize(row: Generation): Generation {
  return { ...row, generation: Number(row.generation), version: Number(row.version), events_seen: Number(row.events_seen), parked: Number(row.parked) };
}
