import { randomUUID } from 'node:crypto';
import type { Durability } from '@itil/event-store';
import { openRawDb } from '../bench-support';
import { ALLOWED, EVENT_OF, dataOf, schedule, type Step } from './workload';

const STATE_AFTER: Record<string, Step> = { IncidentLogged: 'log', IncidentAssigned: 'assign', IncidentWorkStarted: 'start', IncidentCommented: 'comment', IncidentResolved: 'resolve' };

/**
 * The limit: per command one better-sqlite3 transaction that selects the stream, parses and folds
 * it, checks the step against the lifecycle table and inserts the next revision. No envelope,
 * no hash, no validation: what is left when everything but the SQL work is taken away.
 */
export async function rawLoop(durability: Durability, incidents: number, file?: string): Promise<number> {
  const { db, insert } = openRawDb(durability, file);
  const read = db.prepare('SELECT type, data FROM events WHERE stream_id = ? ORDER BY revision');
  const command = db.transaction((stream: string, step: Step, incidentId: string) => {
    const rows = read.all(stream) as { type: string; data: string }[];
    let state = 'none';
    for (const row of rows) {
      JSON.parse(row.data);
      state = ALLOWED[state]?.[STATE_AFTER[row.type]] ?? state;
    }
    if (!ALLOWED[state]?.[step]) throw new Error(`raw loop: ${step} not allowed in ${state}`);
    insert.run(stream, rows.length, randomUUID(), EVENT_OF[step], JSON.stringify(dataOf(step, incidentId)), JSON.stringify({ actor: 'bench' }), Date.now());
  });
  const ids = Array.from({ length: incidents }, () => randomUUID());
  const start = process.hrtime.bigint();
  let count = 0;
  for (const { incident, step } of schedule(incidents)) {
    command(`incident-${ids[incident]}`, step, ids[incident]);
    count++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return count / seconds;
}
