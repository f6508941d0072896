import type { Kysely } from 'kysely';
import type { JsonObject } from '@itil/event-store';
import { classifyEvent, factContext } from '../../events/classify-event';
import { fieldNumber, fieldText, type FactContext, type TicketFact } from '../../events/ticket-facts';
import type { Projection } from '../../runner/projection';
import { isOpenCategory, LifecycleMeanings } from '../lifecycle-meaning';
import { writeSearchRow } from './text-search';
import { positionText } from '../../events/position-text';
import { TICKETS_TABLES, type TicketsRow, type TicketsTables } from './tickets.tables';
import { createTicketsTables } from './tickets.schema';
import type { SqlDialect } from '../../database/read-model-db';
import { SlaFolds } from '../sla/sla-folds';
import { slaColumns } from '../sla/sla-figures';
import { createSlaTables } from '../sla/sla.schema';
import { createKnownErrorTables, syncKnownError } from './known-errors';

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

/**
 * Tickets of every process: the list, search, queues, a ticket's comments, work log and links.
 * Fed by the contract's shapes (opened, moved, fields updated, commented, work logged, linked,
 * unlinked, migrated) and by today's incident v1 events through their adapter.
 */
export function ticketsProjection(): Projection<TicketsTables> {
  const meanings = new LifecycleMeanings('lifecycle_states');
  const sla = new SlaFolds({ definitions: 'ticket_sla_definitions', folds: 'ticket_sla_folds' });

  async function apply(tx: Tx, fact: TicketFact, ctx: FactContext, dialect: SqlDialect): Promise<void> {
    if (fact.kind === 'opened') return opened(tx, fact, ctx, dialect);
    const ticket = await tx.selectFrom('tickets').selectAll().where('ticket_id', '=', fact.ticketId).executeTakeFirst();
    // A fact about a ticket whose opening this log does not hold (e.g. deleted stream): nothing to update.
    if (!ticket) return;
    const base = { updated_at: ctx.at, last_position: positionText(ctx.position) };
    switch (fact.kind) {
      case 'moved': {
        const lifecycle = ctx.machine ?? { id: ticket.lifecycle_id, version: Number(ticket.lifecycle_version) };
        const meaning = await meanings.of(tx, lifecycle, fact.to);
        const wasResolved = ticket.state_category === 'resolved';
        const reopened = wasResolved && meaning.category !== null && isOpenCategory(meaning.category);
        await tx
          .updateTable('tickets')
          .set({
            ...base,
            ...fieldColumns(ticket, fact.fields),
            state: fact.to,
            state_category: meaning.category,
            sla_clock: meaning.sla,
            is_open: isOpenCategory(meaning.category) ? 1 : 0,
            resolved_at: meaning.category === 'resolved' ? ctx.at : reopened ? null : ticket.resolved_at,
            closed_at: meaning.category === 'closed' || meaning.category === 'cancelled' ? ctx.at : ticket.closed_at,
            reopen_count: Number(ticket.reopen_count) + (reopened ? 1 : 0),
          })
          .where('ticket_id', '=', fact.ticketId)
          .execute();
        if ('title' in fact.fields || 'description' in fact.fields) await reindex(tx, fact.ticketId, dialect);
        return;
      }
      case 'fieldsUpdated':
        await tx.updateTable('tickets').set({ ...base, ...fieldColumns(ticket, fact.fields) }).where('ticket_id', '=', fact.ticketId).execute();
        if ('title' in fact.fields || 'description' in fact.fields) await reindex(tx, fact.ticketId, dialect);
        return;
      case 'commented':
        await tx
          .insertInto('ticket_comments')
          .values({ comment_id: fact.commentId, ticket_id: fact.ticketId, process: ticket.process, text: fact.text, visibility: fact.visibility, author: ctx.actor, created_at: ctx.at, position: positionText(ctx.position) })
          .execute();
        await tx.updateTable('tickets').set({ ...base, comment_count: Number(ticket.comment_count) + 1 }).where('ticket_id', '=', fact.ticketId).execute();
        await reindex(tx, fact.ticketId, dialect);
        return;
      case 'workLogged':
        await tx
          .insertInto('ticket_work_log')
          .values({
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
          })
          .execute();
        await tx.updateTable('tickets').set({ ...base, effort_minutes: Number(ticket.effort_minutes) + fact.minutes }).where('ticket_id', '=', fact.ticketId).execute();
        return;
      case 'linked':
        await tx
          .insertInto('ticket_links')
          .values({ link_id: fact.linkId, ticket_id: fact.ticketId, kind: fact.linkKind, target_type: fact.target.type, target_id: fact.target.id, target_process: fact.target.process ?? null, linked_at: ctx.at })
          .onConflict((oc) => oc.columns(['ticket_id', 'link_id']).doNothing())
          .execute();
        return;
      case 'unlinked':
        await tx.deleteFrom('ticket_links').where('ticket_id', '=', fact.ticketId).where('link_id', '=', fact.linkId).execute();
        return;
      case 'migrated': {
        const meaning = await meanings.of(tx, fact.lifecycle, fact.toState);
        await tx
          .updateTable('tickets')
          .set({ ...base, lifecycle_id: fact.lifecycle.id, lifecycle_version: fact.lifecycle.version, state: fact.toState, state_category: meaning.category, sla_clock: meaning.sla, is_open: isOpenCategory(meaning.category) ? 1 : 0 })
          .where('ticket_id', '=', fact.ticketId)
          .execute();
        return;
      }
      default: {
        const unknown: never = fact;
        return unknown;
      }
    }
  }

  async function opened(tx: Tx, fact: Extract<TicketFact, { kind: 'opened' }>, ctx: FactContext, dialect: SqlDialect): Promise<void> {
    const exists = await tx.selectFrom('tickets').select('ticket_id').where('ticket_id', '=', fact.ticketId).executeTakeFirst();
    if (exists) return; // the same ticket opened twice cannot happen through the decider; never double-count it
    const last = await tx.selectFrom('tickets').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const meaning = await meanings.of(tx, fact.lifecycle, fact.state);
    const empty: TicketsRow = {
      ticket_id: fact.ticketId,
      process: fact.process,
      stream_id: ctx.streamId,
      seq,
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
    await tx.insertInto('tickets').values({ ...empty, ...fieldColumns(empty, fact.fields) }).execute();
    await reindex(tx, fact.ticketId, dialect);
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
    async apply(tx, event, context) {
      const fact = classifyEvent(event);
      if (fact?.kind === 'lifecyclePublished') await meanings.record(tx, fact);
      else if (fact) {
        await apply(tx, fact, factContext(event), context.dialect);
        if (fact.kind === 'opened' || fact.kind === 'moved' || fact.kind === 'fieldsUpdated' || fact.kind === 'migrated') await syncKnownError(tx, fact.ticketId, context.dialect);
      }
      // After the row exists (an opening inserts it): the clock as of this event, of the ticket's
      // stream or of its sla- stream (breaches, re-baselines).
      const change = await sla.apply(tx, event);
      if (change) {
        // The row holds the columns of the fold before this event: write only when they change.
        const next = slaColumns(change.after, change.defs);
        const prev = change.before ? slaColumns(change.before, change.defs) : NO_SLA;
        if (next.sla_due_at !== prev.sla_due_at || next.sla_breached !== prev.sla_breached || next.sla_breached_at !== prev.sla_breached_at) {
          await tx.updateTable('tickets').set(next).where('stream_id', '=', change.ticketStream).execute();
        }
      }
    },
  };
}

/** The columns a set of fields changes, and the merged JSON of every field. */
function fieldColumns(ticket: Pick<TicketsRow, 'fields_json'>, fields: JsonObject): Partial<TicketsRow> {
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
  out.fields_json = JSON.stringify({ ...(JSON.parse(ticket.fields_json) as JsonObject), ...fields });
  return out as Partial<TicketsRow>;
}

function instantText(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

async function reindex(tx: Tx, ticketId: string, dialect: SqlDialect): Promise<void> {
  const ticket = await tx.selectFrom('tickets').select(['seq', 'title', 'description']).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
  const comments = await tx.selectFrom('ticket_comments').select('text').where('ticket_id', '=', ticketId).orderBy('position').execute();
  await writeSearchRow(tx, dialect, { seq: Number(ticket.seq), title: ticket.title ?? '', description: ticket.description ?? '', comments: comments.map((c) => c.text).join('\n') });
}
