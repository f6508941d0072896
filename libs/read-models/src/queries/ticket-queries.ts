import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ReadModelDb } from '../database/read-model-db';
import { matchesText, searchWords } from '../projections/tickets/text-search';
import { TICKETS_TABLES, type TicketCommentsRow, type TicketsRow, type TicketsTables, type TicketWorkLogRow } from '../projections/tickets/tickets.tables';
import { liveTables } from './live-tables';
import { InvalidQueryError } from './read-model.errors';

export interface TicketFilter {
  process?: string;
  state?: string;
  stateCategory?: string;
  priority?: number;
  assignmentGroup?: string;
  assignee?: string;
  service?: string;
  configurationItem?: string;
  open?: boolean;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** Full text over title, description and comments: every word must match. */
  text?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_PAGE = 200;

type Q = SelectQueryBuilder<TicketsTables, 'tickets', TicketsRow>;

/** Lists newest first by (opened_at, ticket_id): a keyset cursor, stable while rows are added. */
export class TicketQueries {
  constructor(private readonly rm: ReadModelDb) {}

  private tables(): Promise<Kysely<TicketsTables> | undefined> {
    return liveTables<TicketsTables>(this.rm, 'tickets', TICKETS_TABLES);
  }

  async list(filter: TicketFilter, page: PageRequest = {}): Promise<Page<TicketsRow>> {
    const limit = pageSize(page.limit);
    const db = await this.tables();
    if (!db) return { items: [], nextCursor: null };
    let q: Q = db.selectFrom('tickets').selectAll();
    q = this.filtered(q, filter);
    if (page.cursor) {
      const [openedAt, id] = decodeCursor(page.cursor);
      q = q.where((eb) => eb.or([eb('opened_at', '<', openedAt), eb.and([eb('opened_at', '=', openedAt), eb('ticket_id', '<', id)])]));
    }
    const rows = (await q.orderBy('opened_at', 'desc').orderBy('ticket_id', 'desc').limit(limit + 1).execute()).map(normalizeTicket);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.opened_at, last.ticket_id]) : null };
  }

  /**
   * A group's queue: its open items by priority (1 first), then SLA due time (soonest first;
   * none last), then age (oldest first).
   */
  async queue(group: string, limit = 50): Promise<TicketsRow[]> {
    const db = await this.tables();
    if (!db) return [];
    const rows = await db
      .selectFrom('tickets')
      .selectAll()
      .where('assignment_group', '=', group)
      .where('is_open', '=', 1)
      .orderBy(sql`case when priority is null then 1 else 0 end`)
      .orderBy('priority')
      .orderBy(sql`case when sla_due_at is null then 1 else 0 end`)
      .orderBy('sla_due_at')
      .orderBy('opened_at')
      .orderBy('ticket_id')
      .limit(pageSize(limit))
      .execute();
    return rows.map(normalizeTicket);
  }

  async get(ticketId: string): Promise<TicketsRow | undefined> {
    const db = await this.tables();
    const row = await db?.selectFrom('tickets').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    return row ? normalizeTicket(row) : undefined;
  }

  async comments(ticketId: string): Promise<TicketCommentsRow[]> {
    const db = await this.tables();
    return db ? db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticketId).orderBy('position').execute() : [];
  }

  async workLog(ticketId: string): Promise<TicketWorkLogRow[]> {
    const db = await this.tables();
    const rows = db ? await db.selectFrom('ticket_work_log').selectAll().where('ticket_id', '=', ticketId).orderBy('position').execute() : [];
    return rows.map((r) => ({ ...r, minutes: Number(r.minutes) }));
  }

  private filtered(q: Q, f: TicketFilter): Q {
    if (f.process !== undefined) q = q.where('process', '=', f.process);
    if (f.state !== undefined) q = q.where('state', '=', f.state);
    if (f.stateCategory !== undefined) q = q.where('state_category', '=', f.stateCategory);
    if (f.priority !== undefined) q = q.where('priority', '=', f.priority);
    if (f.assignmentGroup !== undefined) q = q.where('assignment_group', '=', f.assignmentGroup);
    if (f.assignee !== undefined) q = q.where('assignee', '=', f.assignee);
    if (f.service !== undefined) q = q.where('service', '=', f.service);
    if (f.configurationItem !== undefined) q = q.where('configuration_item', '=', f.configurationItem);
    if (f.open !== undefined) q = q.where('is_open', '=', f.open ? 1 : 0);
    if (f.createdFrom !== undefined) q = q.where('opened_at', '>=', f.createdFrom);
    if (f.createdTo !== undefined) q = q.where('opened_at', '<', f.createdTo);
    if (f.updatedFrom !== undefined) q = q.where('updated_at', '>=', f.updatedFrom);
    if (f.updatedTo !== undefined) q = q.where('updated_at', '<', f.updatedTo);
    if (f.text !== undefined) {
      if (searchWords(f.text).length === 0) throw new InvalidQueryError('q: give at least one word to search for');
      q = q.where(matchesText(this.rm.dialect, f.text));
    }
    return q;
  }
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new InvalidQueryError(`limit: a whole number from 1 to ${MAX_PAGE}`);
  return limit;
}

export const encodeCursor = (values: string[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string): [string, string] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === 2 && values.every((v) => typeof v === 'string')) return values as [string, string];
  } catch {
    // fall through
  }
  throw new InvalidQueryError('cursor: not a cursor this API returned');
}

/** Integers come back as strings from PostgreSQL's bigint and as numbers from SQLite: one shape. */
export function normalizeTicket(row: TicketsRow): TicketsRow {
  return {
    ...row,
    seq: Number(row.seq),
    is_open: Number(row.is_open),
    priority: row.priority === null ? null : Number(row.priority),
    lifecycle_version: Number(row.lifecycle_version),
    reopen_count: Number(row.reopen_count),
    comment_count: Number(row.comment_count),
    effort_minutes: Number(row.effort_minutes),
    sla_breached: Number(row.sla_breached),
  };
}
