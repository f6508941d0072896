import type { Kysely } from 'kysely';
import type { SqlDialect } from '../../database/read-model-db';
import { createSearchTable } from './text-search';

/** The tables of one generation of the tickets projection, under their physical names. */
export async function createTicketsTables(db: Kysely<unknown>, t: Readonly<Record<string, string>>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable(t.tickets)
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_category', 'text')
    .addColumn('is_open', 'integer', (c) => c.notNull())
    .addColumn('sla_clock', 'text')
    .addColumn('priority', 'integer')
    .addColumn('assignment_group', 'text')
    .addColumn('assignee', 'text')
    .addColumn('service', 'text')
    .addColumn('configuration_item', 'text')
    .addColumn('category', 'text')
    .addColumn('caller', 'text')
    .addColumn('lifecycle_id', 'text', (c) => c.notNull())
    .addColumn('lifecycle_version', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('sla_due_at', 'text')
    .addColumn('sla_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_breached_at', 'text')
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('effort_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('last_position', 'text', (c) => c.notNull())
    .execute();
  // The queue: open items of a group by priority, SLA due time, age.
  await db.schema.createIndex(`${t.tickets}_queue`).on(t.tickets).columns(['assignment_group', 'is_open', 'priority', 'sla_due_at', 'opened_at']).execute();
  await db.schema.createIndex(`${t.tickets}_list`).on(t.tickets).columns(['process', 'opened_at', 'ticket_id']).execute();
  // The change calendar: windows by start.
  await db.schema.createIndex(`${t.tickets}_planned`).on(t.tickets).columns(['process', 'planned_start']).execute();
  // SLA events name the ticket by its stream.
  await db.schema.createIndex(`${t.tickets}_stream`).on(t.tickets).columns(['stream_id']).execute();
  await db.schema.createIndex(`${t.tickets}_updated`).on(t.tickets).columns(['updated_at']).execute();

  await db.schema
    .createTable(t.ticket_comments)
    // Ids are numbered within their ticket (`comment-3`): unique per ticket, not across tickets.
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.ticket_comments}_pk`, ['ticket_id', 'comment_id'])
    .execute();
  await db.schema.createIndex(`${t.ticket_comments}_ticket`).on(t.ticket_comments).columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable(t.ticket_work_log)
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('worked_by', 'text', (c) => c.notNull())
    .addColumn('worked_at', 'text', (c) => c.notNull())
    .addColumn('assignment_group', 'text')
    .addColumn('service', 'text')
    .addColumn('position', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.ticket_work_log}_pk`, ['ticket_id', 'entry_id'])
    .execute();
  await db.schema.createIndex(`${t.ticket_work_log}_ticket`).on(t.ticket_work_log).columns(['ticket_id', 'worked_at']).execute();

  await db.schema
    .createTable(t.ticket_links)
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_process', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.ticket_links}_pk`, ['ticket_id', 'link_id'])
    .execute();
  await db.schema.createIndex(`${t.ticket_links}_ticket`).on(t.ticket_links).columns(['ticket_id']).execute();

  await db.schema
    .createTable(t.lifecycle_states)
    .addColumn('lifecycle_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('sla', 'text')
    .addColumn('final', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${t.lifecycle_states}_pk`, ['lifecycle_id', 'version', 'state'])
    .execute();

  await createSearchTable(db, t.ticket_search, dialect);
}
