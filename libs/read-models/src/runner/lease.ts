import type { Kysely } from 'kysely';
import type { RunnerTables } from '../database/runner-tables';

/**
 * One owner per projection: a lease row with an expiry, the same on SQLite and PostgreSQL. The
 * holder renews it inside every batch transaction (so a holder that lost it cannot commit) and
 * on a heartbeat while idle; a holder that dies stops renewing and another takes over once the
 * lease expires. Exactly-once does not rest on the lease alone: each batch also compares and
 * sets the checkpoint, so even two writers that both believe they hold it cannot apply one event twice.
 */
export async function tryAcquireLease(db: Kysely<RunnerTables>, name: string, holder: string, nowMs: number, ttlMs: number): Promise<boolean> {
  await db.insertInto('projection_leases').values({ name, holder: null, expires_at: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const result = await db
    .updateTable('projection_leases')
    .set({ holder, expires_at: nowMs + ttlMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('holder', 'is', null), eb('expires_at', '<', nowMs)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Extends a lease this holder has; false when it was lost (expired and taken over). */
export async function renewLease(db: Kysely<RunnerTables>, name: string, holder: string, nowMs: number, ttlMs: number): Promise<boolean> {
  const result = await db
    .updateTable('projection_leases')
    .set({ expires_at: nowMs + ttlMs })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function releaseLease(db: Kysely<RunnerTables>, name: string, holder: string): Promise<void> {
  await db.updateTable('projection_leases').set({ holder: null, expires_at: 0 }).where('name', '=', name).where('holder', '=', holder).execute();
}

export async function leaseOf(db: Kysely<RunnerTables>, name: string): Promise<{ holder: string | null; expiresAt: number } | undefined> {
  const row = await db.selectFrom('projection_leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { holder: row.holder, expiresAt: Number(row.expires_at) } : undefined;
}
