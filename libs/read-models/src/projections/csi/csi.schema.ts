import type { Kysely } from 'kysely';

export async function createCsiTables(db: Kysely<unknown>, t: Readonly<Record<string, string>>): Promise<void> {
  await db.schema
    .createTable(t.csi_tickets)
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('lifecycle_id', 'text', (c) => c.notNull())
    .addColumn('lifecycle_version', 'integer', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('assignment_group', 'text')
    .addColumn('priority', 'integer')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('state_category', 'text')
    .addColumn('first_group', 'text')
    .addColumn('reassignments', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolutions', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('change_type', 'text')
    .execute();
  await db.schema.createIndex(`${t.csi_tickets}_open`).on(t.csi_tickets).columns(['state_category', 'opened_at']).execute();
  await db.schema
    .createTable(t.csi_facts)
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('assignment_group', 'text')
    .addColumn('priority', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'double precision')
    .addColumn('business_minutes', 'double precision')
    .addColumn('first_contact', 'integer')
    .addColumn('value', 'double precision')
    .addColumn('outcome', 'text')
    .addColumn('change_type', 'text')
    .addColumn('position', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.csi_facts}_pk`, ['event_id', 'fact'])
    .execute();
  await db.schema.createIndex(`${t.csi_facts}_period`).on(t.csi_facts).columns(['fact', 'month', 'week', 'day']).execute();
  await db.schema
    .createTable(t.csi_lifecycle_states)
    .addColumn('lifecycle_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('sla', 'text')
    .addColumn('final', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.csi_lifecycle_states}_pk`, ['lifecycle_id', 'version', 'state'])
    .execute();
}
