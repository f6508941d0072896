import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { SqlDialect } from '../../database/read-model-db';
import type { TicketsTables } from './tickets.tables';

/**
 * Full-text search is the one place where the engines differ: SQLite's FTS5 virtual table and
 * PostgreSQL's tsvector with a GIN index. Both index title, description and comments, and both
 * match every word of the query (AND), case-insensitively.
 */
export async function createSearchTable(db: Kysely<unknown>, table: string, dialect: SqlDialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create virtual table ${sql.table(table)} using fts5(title, description, comments, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    return;
  }
  await db.schema
    .createTable(table)
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || description || ' ' || comments)`).stored(),
    )
    .execute();
  await sql`create index ${sql.id(`${table}_document`)} on ${sql.table(table)} using gin (document)`.execute(db);
}

/** Rewrites the search rows of these tickets (by `seq`), a few multi-row statements for the lot. */
export async function writeSearchRows(tx: Kysely<TicketsTables>, dialect: SqlDialect, rows: readonly TicketsTables['ticket_search'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (dialect === 'sqlite') {
      // FTS5 has no upsert: delete by rowid, insert with it.
      await sql`delete from ${sql.table('ticket_search')} where rowid in (${sql.join(chunk.map((r) => r.seq))})`.execute(tx);
      await sql`insert into ${sql.table('ticket_search')} (rowid, title, description, comments) values ${sql.join(chunk.map((r) => sql`(${r.seq}, ${r.title}, ${r.description}, ${r.comments})`))}`.execute(tx);
      continue;
    }
    await tx
      .insertInto('ticket_search')
      .values(chunk)
      .onConflict((oc) => oc.column('seq').doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), description: eb.ref('excluded.description'), comments: eb.ref('excluded.comments') })))
      .execute();
  }
}

/** Words of a query, without operators: what a person types is never parsed as FTS syntax. */
export const searchWords = (query: string): string[] => query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 16);

/** `tickets.seq in (matching rows)`. */
export function matchesText(dialect: SqlDialect, query: string): Expression<SqlBool> {
  const words = searchWords(query);
  if (dialect === 'sqlite') {
    const match = words.map((w) => `"${w}"`).join(' ');
    return sql<SqlBool>`${sql.ref('tickets.seq')} in (select rowid from ${sql.table('ticket_search')} where ${sql.table('ticket_search')} match ${match})`;
  }
  return sql<SqlBool>`${sql.ref('tickets.seq')} in (select seq from ${sql.table('ticket_search')} where document @@ plainto_tsquery('simple', ${words.join(' ')}))`;
}
