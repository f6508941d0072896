import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { JsonObject } from '@itil/event-store';
import type { SqlDialect } from '../../database/read-model-db';
import { searchWords } from './text-search';
import type { TicketsRow, TicketsTables } from './tickets.tables';

/**
 * The known error database: a ticket whose fields carry `knownErrorPublishedAt` (the problem
 * process publishes its known error record so, when a workaround or a root cause is recorded) is
 * a known error record from then on, and stays one after it is resolved or closed (archived, not
 * deleted). Read by field names, as every column here is: the read side imports no process library.
 */
export const KNOWN_ERROR_FIELD = 'knownErrorPublishedAt';

export interface KnownErrorsRow {
  ticket_id: string;
  /** The ticket's seq: the search table's row id. */
  seq: number;
  process: string;
  title: string | null;
  /** The symptoms: the ticket's description. */
  symptom: string | null;
  workaround: string | null;
  root_cause: string | null;
  resolution_notes: string | null;
  service: string | null;
  configuration_item: string | null;
  state: string;
  state_category: string | null;
  published_at: string;
  updated_at: string;
}

export interface KnownErrorSearchRow {
  seq: number;
  title: string;
  symptom: string;
  workaround: string;
  root_cause: string;
  resolution: string;
}

const text = (fields: JsonObject, name: string): string | null => (typeof fields[name] === 'string' ? (fields[name] as string) : null);

export async function createKnownErrorTables(db: Kysely<unknown>, t: Readonly<Record<string, string>>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable(t.known_errors)
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('symptom', 'text')
    .addColumn('workaround', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('resolution_notes', 'text')
    .addColumn('service', 'text')
    .addColumn('configuration_item', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_category', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex(`${t.known_errors}_published`).on(t.known_errors).columns(['published_at', 'ticket_id']).execute();
  const search = t.known_error_search;
  if (dialect === 'sqlite') {
    await sql`create virtual table ${sql.table(search)} using fts5(title, symptom, workaround, root_cause, resolution, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    return;
  }
  await db.schema
    .createTable(search)
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('symptom', 'text', (c) => c.notNull())
    .addColumn('workaround', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || symptom || ' ' || workaround || ' ' || root_cause || ' ' || resolution)`).stored(),
    )
    .execute();
  await sql`create index ${sql.id(`${search}_document`)} on ${sql.table(search)} using gin (document)`.execute(db);
}

/** A ticket's known error record as its row now stands; undefined unless its fields publish one. */
export function knownErrorOf(t: TicketsRow): KnownErrorsRow | undefined {
  // Most tickets are no known error: spare them the parse.
  if (!t.fields_json.includes(`"${KNOWN_ERROR_FIELD}"`)) return undefined;
  const fields = JSON.parse(t.fields_json) as JsonObject;
  const publishedAt = text(fields, KNOWN_ERROR_FIELD);
  if (publishedAt === null) return undefined;
  return {
    ticket_id: t.ticket_id,
    seq: Number(t.seq),
    process: t.process,
    title: t.title,
    symptom: t.description,
    workaround: text(fields, 'workaround'),
    root_cause: text(fields, 'rootCause'),
    resolution_notes: text(fields, 'resolutionNotes'),
    service: t.service,
    configuration_item: t.configuration_item,
    state: t.state,
    state_category: t.state_category,
    published_at: publishedAt,
    updated_at: t.updated_at,
  };
}

/** Writes these known error records (insert or update) and their search rows, a few multi-row statements for the lot. */
export async function writeKnownErrors(tx: Kysely<TicketsTables>, rows: readonly KnownErrorsRow[], dialect: SqlDialect): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await tx
      .insertInto('known_errors')
      .values(chunk)
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never))
      .execute();
    const docs: KnownErrorSearchRow[] = chunk.map((row) => ({ seq: row.seq, title: row.title ?? '', symptom: row.symptom ?? '', workaround: row.workaround ?? '', root_cause: row.root_cause ?? '', resolution: row.resolution_notes ?? '' }));
    if (dialect === 'sqlite') {
      // FTS5 has no upsert: delete by rowid, insert with it.
      await sql`delete from ${sql.table('known_error_search')} where rowid in (${sql.join(docs.map((d) => d.seq))})`.execute(tx);
      await sql`insert into ${sql.table('known_error_search')} (rowid, title, symptom, workaround, root_cause, resolution) values ${sql.join(
        docs.map((d) => sql`(${d.seq}, ${d.title}, ${d.symptom}, ${d.workaround}, ${d.root_cause}, ${d.resolution})`),
      )}`.execute(tx);
      continue;
    }
    await tx
      .insertInto('known_error_search')
      .values(docs)
      .onConflict((oc) => oc.column('seq').doUpdateSet((eb) => Object.fromEntries(SEARCH_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as never))
      .execute();
  }
}

const UPDATED_COLUMNS = ['seq', 'process', 'title', 'symptom', 'workaround', 'root_cause', 'resolution_notes', 'service', 'configuration_item', 'state', 'state_category', 'published_at', 'updated_at'] as const satisfies readonly (keyof KnownErrorsRow)[];
const SEARCH_COLUMNS = ['title', 'symptom', 'workaround', 'root_cause', 'resolution'] as const satisfies readonly (keyof KnownErrorSearchRow)[];

/** `known_errors.seq in (matching rows)`: every word, in the title, symptom, workaround, root cause or resolution. */
export function knownErrorMatches(dialect: SqlDialect, query: string): Expression<SqlBool> {
  const words = searchWords(query);
  if (dialect === 'sqlite') {
    const match = words.map((w) => `"${w}"`).join(' ');
    return sql<SqlBool>`${sql.ref('known_errors.seq')} in (select rowid from ${sql.table('known_error_search')} where ${sql.table('known_error_search')} match ${match})`;
  }
  return sql<SqlBool>`${sql.ref('known_errors.seq')} in (select seq from ${sql.table('known_error_search')} where document @@ plainto_tsquery('simple', ${words.join(' ')}))`;
}
