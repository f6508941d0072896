import type { Projection } from '@itil/read-models';

interface Counted {
  applied_events: { event_id: string; position: string; holder: string };
}

/**
 * A projection that records every event it applies, with no unique key: an event applied twice
 * shows as two rows, one skipped as none.
 */
export const countingProjection = (holder: string): Projection<Counted> => ({
  name: 'counting',
  version: 1,
  tables: ['applied_events'],
  createTables: async (db, t) => {
    await db.schema.createTable(t.applied_events).addColumn('event_id', 'text', (c) => c.notNull()).addColumn('position', 'text', (c) => c.notNull()).addColumn('holder', 'text', (c) => c.notNull()).execute();
  },
  apply: async (tx, event) => {
    await tx.insertInto('applied_events').values({ event_id: event.id, position: event.position.toString(), holder }).execute();
  },
});
