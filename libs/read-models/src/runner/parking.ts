import { sql, type Kysely } from 'kysely';
import type { RecordedEvent } from '@itil/event-store';
import type { ProjectionParkedTable, RunnerTables } from '../database/runner-tables';
import type { Generation } from './generations';
import { NothingParkedError } from './projection.errors';
import { positionText } from '../events/position-text';

/**
 * Parks the event the projection could not apply: its error is stored and the generation stops
 * before it (the checkpoint stays on the event before), until an operator retries or skips it.
 */
export async function parkEvent(db: Kysely<RunnerTables>, gen: Generation, checkpoint: bigint | null, event: RecordedEvent, error: string, attempts: number, now: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row: ProjectionParkedTable = {
      name: gen.name,
      generation: gen.generation,
      position: positionText(event.position),
      event_id: event.id,
      event_type: event.type,
      stream_id: event.streamId,
      error,
      attempts,
      parked_at: now,
      decision: null,
      decided_by: null,
      decided_at: null,
    };
    await tx
      .insertInto('projection_parked')
      .values(row)
      .onConflict((oc) => oc.columns(['name', 'generation', 'position']).doUpdateSet({ error, attempts, parked_at: now, decision: null, decided_by: null, decided_at: null }))
      .execute();
    await tx
      .updateTable('projection_generations')
      .set({ parked: 1, updated_at: now })
      .where('name', '=', gen.name)
      .where('generation', '=', gen.generation)
      .where((eb) => (checkpoint === null ? eb('position', 'is', null) : eb('position', '=', positionText(checkpoint))))
      .execute();
  });
}

export async function parkedEvents(db: Kysely<RunnerTables>, name?: string): Promise<ProjectionParkedTable[]> {
  let q = db.selectFrom('projection_parked').selectAll().orderBy('parked_at', 'desc');
  if (name) q = q.where('name', '=', name);
  return q.execute();
}

async function waiting(db: Kysely<RunnerTables>, name: string): Promise<ProjectionParkedTable> {
  const row = await db
    .selectFrom('projection_parked as p')
    .innerJoin('projection_generations as g', (j) => j.onRef('g.name', '=', 'p.name').onRef('g.generation', '=', 'p.generation'))
    .selectAll('p')
    .where('p.name', '=', name)
    .where('p.decision', 'is', null)
    .where('g.parked', '=', 1)
    .orderBy('p.generation', 'desc')
    .executeTakeFirst();
  if (!row) throw new NothingParkedError(name);
  return row;
}

/** The operator's decision to try the parked event again (after fixing what made it fail). */
export async function retryParked(db: Kysely<RunnerTables>, name: string, by: string, now: string): Promise<ProjectionParkedTable> {
  const parked = await waiting(db, name);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('projection_parked').set({ decision: 'retry', decided_by: by, decided_at: now }).where('name', '=', name).where('generation', '=', parked.generation).where('position', '=', parked.position).execute();
    await tx.updateTable('projection_generations').set({ parked: 0, updated_at: now }).where('name', '=', name).where('generation', '=', parked.generation).execute();
  });
  return parked;
}

/**
 * The operator's decision to go past the parked event without applying it: recorded with who and
 * when, and the checkpoint moves onto that event in the same transaction.
 */
export async function skipParked(db: Kysely<RunnerTables>, name: string, by: string, now: string): Promise<ProjectionParkedTable> {
  const parked = await waiting(db, name);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('projection_parked').set({ decision: 'skip', decided_by: by, decided_at: now }).where('name', '=', name).where('generation', '=', parked.generation).where('position', '=', parked.position).execute();
    await tx
      .updateTable('projection_generations')
      .set({ parked: 0, position: parked.position, events_seen: sql<number>`events_seen + 1`, updated_at: now })
      .where('name', '=', name)
      .where('generation', '=', parked.generation)
      .where('parked', '=', 1)
      .execute();
  });
  return parked;
}
