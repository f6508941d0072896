import type { Kysely } from 'kysely';
import type { JsonObject } from '@itil/event-store';
import { fieldNumber, fieldText, type FactContext, type TicketFact } from '../../events/ticket-facts';
import { applyInBatch, type ApplyContext, type Projection, type ProjectionBatch } from '../../runner/projection';
import { BatchMemory } from '../batch-memory';
import { insertRows, RowChanges } from '../../database/row-changes';
import { factsOf, ticketIdsOf } from '../batch-facts';
import { isOpenCategory, LifecycleMeanings, type MeaningsBatch } from '../lifecycle-meaning';
import { writeSearchRows } from './text-search';
import { positionText } from '../../events/position-text';
import { TICKETS_TABLES, type TicketCommentsRow, type TicketLinksRow, type TicketsRow, type TicketsTables, type TicketWorkLogRow } from './tickets.tables';
import { createTicketsTables } from './tickets.schema';
import type { SqlDialect } from '../../database/read-model-db';
import { SlaFolds, type SlaChange } from '../sla/sla-folds';
import { slaColumns } from '../sla/sla-figures';
import { createSlaTables } from '../sla/sla.schema';
import { createKnownErrorTables, knownErrorOf, writeKnownErrors, type KnownErrorsRow } from './known-errors';

type Tx = Kysely<TicketsTables>;

/** The SLA columns of a row just opened. */
const NO_SLA = { sla_due_at: null, sla_breached: 0, sla_breached_at: null } as const;

/** Well-known field names (the contract's dictionary) and the columns they fill. */
const TEXT_COLUMNS = {
  title: 'title',
  description: 'description',
  assignmentGroup: 'assignment_group',
  assignee: 'assignee',
  service: 'service',
  configurationItem: 'configuration_item',
  category: 'category',
  caller: 'caller',
  requestedBy: 'caller',
} as const satisfies Record<string, keyof TicketsRow>;

/** Stored rows in the shape the fold writes back (PostgreSQL returns bigint columns as text). */
const ticketRow = (r: TicketsRow): TicketsRow => ({
  ...r,
  seq: Number(r.seq),
  is_open: Number(r.is_open),
  priority: r.priority === null ? null : Number(r.priority),
  lifecycle_version: Number(r.lifecycle_version),
  reopen_count: Number(r.reopen_count),
  comment_count: Number(r.comment_count),
  effort_minutes: Number(r.effort_minutes),
  sla_breached: Number(r.sla_breached),
});

/** What one batch reads and changes: folded in memory, written per table at the end. */
interface TicketsBatch {
  meanings: MeaningsBatch;
  tickets: RowChanges<TicketsRow>;
  links: RowChanges<TicketLinksRow>;
  comments: TicketCommentsRow[];
  workLog: TicketWorkLogRow[];
  /** Tickets whose search row must be rewritten (title, description or comments changed). */
  reindex: Set<string>;
  /** The last `seq` given: a new ticket takes the next (undefined: not read yet). */
  seq: number | undefined;
  /** Each ticket's fields as the batch left them, parsed once; written to `fields_json` at the end. */
  fields: Map<string, JsonObject>;
  /** The tickets of each stream (SLA events name a ticket by its stream), for the rows the batch holds. */
  byStream: Map<string, string[]>;
  /** Tickets whose known error record may have changed. */
  knownErrors: Set<string>;
}

/**
 * Tickets of every process: the list, search, queues, a ticket's comments, work log and links.
 * Fed by the contract's shapes (opened, moved, fields updated, commented, work logged, linked,
 * unlinked, migrated) and by today's incident v1 events through their adapter.
 *
 * A batch of events is folded into in-memory rows (each event sees the rows as the events before
 * it left them) and written with a few multi-row statements per table; a single event is a batch of one.
 */
export function ticketsProjection(): Projection<TicketsTables> {
  // Meanings and the last seq remembered between batches, while they follow one another.
  const memory = new BatchMemory();
  const remembered = { seq: memory.cache<number>(1) };
  const meanings = new LifecycleMeanings('lifecycle_states', memory);
  const sla = new SlaFolds({ definitions: 'ticket_sla_definitions', folds: 'ticket_sla_folds' }, memory);

  function fold(b: TicketsBatch, fact: TicketFact, ctx: FactContext): void {
    if (fact.kind === 'opened') return opened(b, fact, ctx);
    const ticket = b.tickets.get({ ticket_id: fact.ticketId });
    // A fact about a ticket whose opening this log does not hold (e.g. deleted stream): nothing to update.
    if (!ticket) return;
    const base = { ...ticket, updated_at: ctx.at, last_position: positionText(ctx.position) };
    switch (fact.kind) {
      case 'moved': {
        const lifecycle = ctx.machine ?? { id: ticket.lifecycle_id, version: Number(ticket.lifecycle_version) };
        const meaning = b.meanings.of(lifecycle, fact.to);
        const wasResolved = ticket.state_category === 'resolved';
        const reopened = wasResolved && meaning.category !== null && isOpenCategory(meaning.category);
        b.tickets.put({
          ...base,
          ...fieldColumns(b, ticket, fact.fields),
          state: fact.to,
          state_category: meaning.category,
          sla_clock: meaning.sla,
          is_open: isOpenCategory(meaning.category) ? 1 : 0,
          resolved_at: meaning.category === 'resolved' ? ctx.at : reopened ? null : ticket.resolved_at,
          closed_at: meaning.category === 'closed' || meaning.category === 'cancelled' ? ctx.at : ticket.closed_at,
          reopen_count: Number(ticket.reopen_count) + (reopened ? 1 : 0),
        });
        if ('title' in fact.fields || 'description' in fact.fields) b.reindex.add(fact.ticketId);
        return;
      }
      case 'fieldsUpdated':
        b.tickets.put({ ...base, ...fieldColumns(b, ticket, fact.fields) });
        if ('title' in fact.fields || 'description' in fact.fields) b.reindex.add(fact.ticketId);
        return;
      case 'commented':
        b.comments.push({ comment_id: fact.commentId, ticket_id: fact.ticketId, process: ticket.process, text: fact.text, visibility: fact.visibility, author: ctx.actor, created_at: ctx.at, position: positionText(ctx.position) });
        b.tickets.put({ ...base, comment_count: Number(ticket.comment_count) + 1 });
        b.reindex.add(fact.ticketId);
        return;
      case 'workLogged':
        b.workLog.push({
          entry_id: fact.entryId,
          ticket_id: fact.ticketId,
          process: ticket.process,
          minutes: fact.minutes,
          note: fact.note,
          worked_by: fact.workedBy || ctx.actor || '',
          worked_at: ctx.at,
          assignment_group: ticket.assignment_group,
          service: ticket.service,
          position: positionText(ctx.position),
        });
        b.tickets.put({ ...base, effort_minutes: Number(ticket.effort_minutes) + fact.minutes });
        return;
      case 'linked':
        // Insert or ignore: the first link under an id stays until it is unlinked.
        if (!b.links.get({ ticket_id: fact.ticketId, link_id: fact.linkId })) {
          b.links.put({ link_id: fact.linkId, ticket_id: fact.ticketId, kind: fact.linkKind, target_type: fact.target.type, target_id: fact.target.id, target_process: fact.target.process ?? null, linked_at: ctx.at });
        }
        return;
      case 'unlinked':
        b.links.remove({ ticket_id: fact.ticketId, link_id: fact.linkId });
        return;
      case 'migrated': {
        const meaning = b.meanings.of(fact.lifecycle, fact.toState);
        b.tickets.put({ ...base, lifecycle_id: fact.lifecycle.id, lifecycle_version: fact.lifecycle.version, state: fact.toState, state_category: meaning.category, sla_clock: meaning.sla, is_open: isOpenCategory(meaning.category) ? 1 : 0 });
        return;
      }
      default: {
        const unknown: never = fact;
        return unknown;
      }
    }
  }

  function opened(b: TicketsBatch, fact: Extract<TicketFact, { kind: 'opened' }>, ctx: FactContext): void {
    // The same ticket opened twice cannot happen through the decider; never double-count it.
    if (b.tickets.get({ ticket_id: fact.ticketId })) return;
    const meaning = b.meanings.of(fact.lifecycle, fact.state);
    const empty: TicketsRow = {
      ticket_id: fact.ticketId,
      process: fact.process,
      stream_id: ctx.streamId,
      seq: (b.seq = b.seq! + 1),
      title: null,
      description: null,
      state: fact.state,
      state_category: meaning.category,
      is_open: isOpenCategory(meaning.category) ? 1 : 0,
      sla_clock: meaning.sla,
      priority: null,
      assignment_group: null,
      assignee: null,
      service: null,
      configuration_item: null,
      category: null,
      caller: null,
      lifecycle_id: fact.lifecycle.id,
      lifecycle_version: fact.lifecycle.version,
      opened_at: fact.openedAt,
      updated_at: ctx.at,
      resolved_at: null,
      closed_at: null,
      sla_due_at: null,
      sla_breached: 0,
      sla_breached_at: null,
      planned_start: null,
      planned_end: null,
      reopen_count: 0,
      comment_count: 0,
      effort_minutes: 0,
      fields_json: '{}',
      last_position: positionText(ctx.position),
    };
    b.tickets.put({ ...empty, ...fieldColumns(b, empty, fact.fields) });
    track(b, empty);
    b.reindex.add(fact.ticketId);
  }

  function openBatch(tx: Tx, context: ApplyContext): ProjectionBatch {
    memory.begin(context);
    // The SLA clocks (of the ticket's stream or its sla- stream), in their own tables.
    const clocks = sla.batch(tx);
    let b: TicketsBatch | undefined;
    let last: bigint | undefined;
    return {
      add: async (events) => {
        last = events[events.length - 1].position;
        const changes = (await clocks.add(events)).filter((c): c is SlaChange => c !== undefined);
        const facts = factsOf(events);
        if (facts.length === 0 && changes.length === 0) return;
        b ??= {
          meanings: await meanings.batch(tx),
          tickets: new RowChanges<TicketsRow>('tickets', ['ticket_id'], ticketRow),
          links: new RowChanges<TicketLinksRow>('ticket_links', ['ticket_id', 'link_id']),
          comments: [],
          workLog: [],
          reindex: new Set(),
          seq: undefined,
          fields: new Map(),
          byStream: new Map(),
          knownErrors: new Set(),
        };
        const batch = b;
        for (const row of await batch.tickets.load(tx, 'ticket_id', ticketIdsOf(facts))) track(batch, row);
        if (batch.seq === undefined && facts.some((f) => f.fact.kind === 'opened')) {
          const known = remembered.seq.get('seq');
          const stored = known === undefined ? await tx.selectFrom('tickets').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst() : { seq: known };
          batch.seq = Number(stored?.seq ?? 0);
        }
        const linking = ticketIdsOf(facts, ['linked', 'unlinked']);
        if (linking.length > 0) await batch.links.load(tx, 'ticket_id', linking);
        for (const { fact, ctx } of facts) {
          if (fact.kind === 'lifecyclePublished') batch.meanings.record(fact);
          else fold(batch, fact, ctx);
        }
        if (changes.length > 0) await foldSlaColumns(tx, batch, changes);
        for (const id of ticketIdsOf(facts, ['opened', 'moved', 'fieldsUpdated', 'migrated'])) batch.knownErrors.add(id);
      },
      flush: async () => {
        await clocks.flush();
        if (b) await write(tx, b, context.dialect);
        memory.end(context, last!);
      },
      held: () => clocks.held() + (b ? b.tickets.size + b.links.size + b.comments.length + b.workLog.length : 0),
    };
  }

  async function write(tx: Tx, b: TicketsBatch, dialect: SqlDialect): Promise<void> {
    for (const [id, fields] of b.fields) b.tickets.put({ ...b.tickets.get({ ticket_id: id })!, fields_json: JSON.stringify(fields) });
    await b.meanings.flush(tx);
    await b.tickets.flush(tx);
    if (b.seq !== undefined) remembered.seq.set('seq', b.seq);
    await insertRows(tx, 'ticket_comments', b.comments);
    await insertRows(tx, 'ticket_work_log', b.workLog);
    await b.links.flush(tx);
    await reindex(tx, b, dialect);
    // The known error records of the tickets whose fields or state changed, as they now stand.
    const knownErrors: KnownErrorsRow[] = [];
    for (const id of b.knownErrors) {
      const ticket = b.tickets.get({ ticket_id: id });
      const record = ticket && knownErrorOf(ticket);
      if (record) knownErrors.push(record);
    }
    if (knownErrors.length > 0) await writeKnownErrors(tx, knownErrors, dialect);
  }

  return {
    name: 'tickets',
    // 2: comments, work log and links keyed by (ticket, id), as the engine numbers them per ticket.
    // 3: sla_due_at and the breach from the SLA clocks (@itil/sla's fold), no longer from a field;
    //    planned_start / planned_end (change windows); the known error database.
    version: 3,
    tables: TICKETS_TABLES,
    createTables: async (db, names, dialect) => {
      await createTicketsTables(db, names, dialect);
      await createSlaTables(db, { definitions: names.ticket_sla_definitions, folds: names.ticket_sla_folds });
      await createKnownErrorTables(db, names, dialect);
    },
    apply: applyInBatch(openBatch),
    openBatch,
  };
}

/** The columns a set of fields changes; the merged fields are kept in the batch (`fields_json` is written at its end). */
function fieldColumns(b: TicketsBatch, ticket: Pick<TicketsRow, 'ticket_id' | 'fields_json'>, fields: JsonObject): Partial<TicketsRow> {
  const out: Partial<Record<keyof TicketsRow, unknown>> = {};
  for (const [field, column] of Object.entries(TEXT_COLUMNS)) {
    const value = fieldText(fields, field);
    if (value !== undefined) out[column] = value;
  }
  const priority = fieldNumber(fields, 'priority');
  if (priority !== undefined) out.priority = priority;
  // Planned windows (changes): normalised to the read model's instant text so they compare as text.
  for (const [field, column] of [['plannedStart', 'planned_start'], ['plannedEnd', 'planned_end']] as const) {
    const value = fieldText(fields, field);
    if (value !== undefined) out[column] = instantText(value);
  }
  b.fields.set(ticket.ticket_id, { ...(b.fields.get(ticket.ticket_id) ?? (JSON.parse(ticket.fields_json) as JsonObject)), ...fields });
  return out as Partial<TicketsRow>;
}

/** A ticket row the batch holds, under its stream. */
function track(b: TicketsBatch, row: Pick<TicketsRow, 'ticket_id' | 'stream_id'>): void {
  const ids = b.byStream.get(row.stream_id) ?? b.byStream.set(row.stream_id, []).get(row.stream_id)!;
  if (!ids.includes(row.ticket_id)) ids.push(row.ticket_id);
}

function instantText(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The search rows of the batch's reindexed tickets: final title and description, every comment in log order. */
async function reindex(tx: Tx, b: TicketsBatch, dialect: SqlDialect): Promise<void> {
  if (b.reindex.size === 0) return;
  const ids = [...b.reindex];
  const comments = new Map<string, string[]>();
  // After this batch's comments were inserted: the stored ones and the new ones, in one read.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx.selectFrom('ticket_comments').select(['ticket_id', 'text']).where('ticket_id', 'in', ids.slice(i, i + 500)).orderBy('ticket_id').orderBy('position').execute();
    for (const r of rows) (comments.get(r.ticket_id) ?? comments.set(r.ticket_id, []).get(r.ticket_id)!).push(r.text);
  }
  const rows = ids.map((id) => {
    const t = b.tickets.get({ ticket_id: id })!;
    return { seq: Number(t.seq), title: t.title ?? '', description: t.description ?? '', comments: (comments.get(id) ?? []).join('\n') };
  });
  await writeSearchRows(tx, dialect, rows);
}

/**
 * The SLA columns of the tickets whose clocks the batch changed, in the batch's rows (SLA events
 * name a ticket by its stream: rows the facts did not load are loaded by it). A row holds the
 * columns of the fold before each change, so a change writes them only when it moves them.
 */
async function foldSlaColumns(tx: Tx, b: TicketsBatch, changes: readonly SlaChange[]): Promise<void> {
  const missing = new Set(changes.map((c) => c.ticketStream).filter((stream) => !b.byStream.has(stream)));
  if (missing.size > 0) for (const row of await b.tickets.load(tx, 'stream_id', missing)) track(b, row);
  for (const change of changes) {
    const next = slaColumns(change.after, change.defs);
    const prev = change.before ? slaColumns(change.before, change.defs) : NO_SLA;
    if (next.sla_due_at === prev.sla_due_at && next.sla_breached === prev.sla_breached && next.sla_breached_at === prev.sla_breached_at) continue;
    for (const id of b.byStream.get(change.ticketStream) ?? []) b.tickets.put({ ...b.tickets.get({ ticket_id: id })!, ...next });
  }
}
