import type { ReadModelDb } from '../database/read-model-db';
import { knownErrorMatches, type KnownErrorsRow } from '../projections/tickets/known-errors';
import { searchWords } from '../projections/tickets/text-search';
import { TICKETS_TABLES, type TicketsTables } from '../projections/tickets/tickets.tables';
import { liveTables } from './live-tables';
import { InvalidQueryError } from './read-model.errors';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from './ticket-queries';

export interface KnownErrorFilter {
  /** Every word must appear in the title, symptom, workaround, root cause or resolution notes. */
  text?: string;
  service?: string;
  configurationItem?: string;
}

/** The known error database, newest published first, with a keyset cursor like the ticket lists. */
export class KnownErrorQueries {
  constructor(private readonly rm: ReadModelDb) {}

  async search(filter: KnownErrorFilter, page: PageRequest = {}): Promise<Page<KnownErrorsRow>> {
    const limit = pageSize(page.limit);
    if (filter.text !== undefined && searchWords(filter.text).length === 0) throw new InvalidQueryError('q: give at least one word to search for');
    const db = await liveTables<TicketsTables>(this.rm, 'tickets', TICKETS_TABLES);
    if (!db) return { items: [], nextCursor: null };
    let q = db.selectFrom('known_errors').selectAll();
    if (filter.text !== undefined) q = q.where(knownErrorMatches(this.rm.dialect, filter.text));
    if (filter.service !== undefined) q = q.where('service', '=', filter.service);
    if (filter.configurationItem !== undefined) q = q.where('configuration_item', '=', filter.configurationItem);
    if (page.cursor) {
      const [publishedAt, id] = decodeCursor(page.cursor);
      q = q.where((eb) => eb.or([eb('published_at', '<', publishedAt), eb.and([eb('published_at', '=', publishedAt), eb('ticket_id', '<', id)])]));
    }
    const rows = (await q.orderBy('published_at', 'desc').orderBy('ticket_id', 'desc').limit(limit + 1).execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.published_at, last.ticket_id]) : null };
  }
}
