import type { Kysely } from 'kysely';
import { classifyEvent, factContext } from '../../events/classify-event';
import { positionText } from '../../events/position-text';
import { fieldNumber, fieldText, type FactContext, type TicketFact } from '../../events/ticket-facts';
import type { Projection } from '../../runner/projection';
import { isOpenCategory, LifecycleMeanings } from '../lifecycle-meaning';
import { CSI_TABLES, type CsiFactKind, type CsiFactsRow, type CsiTables, type CsiTicketsRow } from './csi.tables';
import { createCsiTables } from './csi.schema';
import { minutesBetween, periodsOf } from './periods';
import { SlaFolds, type SlaChange } from '../sla/sla-folds';
import { completedClocks, resolutionBusinessMinutes } from '../sla/sla-figures';
import { createSlaTables } from '../sla/sla.schema';

type Tx = Kysely<CsiTables>;

/** The field a satisfaction rating (1-5) arrives in, on any move or fields update (the incident's field dictionary: libs/incident/src/process/incident.fields.ts). */
export const RATING_FIELD = 'satisfactionRating';

/**
 * Measurable facts for CSI (docs/read-models.md, BRIEF.md's definitions): acknowledgement,
 * resolution (calendar and SLA business time, first contact), SLA clocks completed (met or not),
 * reopen, rating, work, change closure, each with the ticket's service, group, priority and
 * process as they were at that moment. SLA figures come from @itil/sla's fold of the log, taken
 * when the event happens and stored: a report never recomputes business time.
 */
export function csiProjection(): Projection<CsiTables> {
  const meanings = new LifecycleMeanings('csi_lifecycle_states');
  const sla = new SlaFolds({ definitions: 'csi_sla_definitions', folds: 'csi_sla_folds' });

  async function fact(tx: Tx, kind: CsiFactKind, t: CsiTicketsRow, ctx: FactContext, extra: Partial<CsiFactsRow> = {}): Promise<void> {
    await tx
      .insertInto('csi_facts')
      .values({
        event_id: ctx.eventId,
        fact: kind,
        ticket_id: t.ticket_id,
        process: t.process,
        service: t.service,
        assignment_group: t.assignment_group,
        priority: t.priority,
        at: ctx.at,
        ...periodsOf(ctx.at),
        duration_minutes: null,
        business_minutes: null,
        first_contact: null,
        value: null,
        outcome: null,
        change_type: null,
        position: positionText(ctx.position),
        ...extra,
      })
      .execute();
  }

  async function apply(tx: Tx, f: TicketFact, ctx: FactContext, change: SlaChange | undefined): Promise<void> {
    if (f.kind === 'opened') {
      const exists = await tx.selectFrom('csi_tickets').select('ticket_id').where('ticket_id', '=', f.ticketId).executeTakeFirst();
      if (exists) return;
      const meaning = await meanings.of(tx, f.lifecycle, f.state);
      const group = fieldText(f.fields, 'assignmentGroup') ?? null;
      const row: CsiTicketsRow = {
        ticket_id: f.ticketId,
        process: f.process,
        lifecycle_id: f.lifecycle.id,
        lifecycle_version: f.lifecycle.version,
        service: fieldText(f.fields, 'service') ?? null,
        assignment_group: group,
        priority: fieldNumber(f.fields, 'priority') ?? null,
        opened_at: f.openedAt,
        state_category: meaning.category,
        first_group: group,
        reassignments: 0,
        acknowledged_at: null,
        resolutions: 0,
        outcome: fieldText(f.fields, 'outcome') ?? null,
        change_type: changeTypeOf(f.lifecycle.id, fieldText(f.fields, 'changeType')),
      };
      await tx.insertInto('csi_tickets').values(row).execute();
      await fact(tx, 'opened', row, ctx);
      return;
    }
    if (f.kind === 'commented' || f.kind === 'linked' || f.kind === 'unlinked') return;
    const stored = await tx.selectFrom('csi_tickets').selectAll().where('ticket_id', '=', f.ticketId).executeTakeFirst();
    if (!stored) return;
    const t: CsiTicketsRow = { ...stored, reassignments: Number(stored.reassignments), resolutions: Number(stored.resolutions), priority: stored.priority === null ? null : Number(stored.priority) };
    if (f.kind === 'workLogged') {
      await fact(tx, 'worked', t, ctx, { value: f.minutes });
      return;
    }
    if (f.kind === 'migrated') {
      const meaning = await meanings.of(tx, f.lifecycle, f.toState);
      await tx.updateTable('csi_tickets').set({ lifecycle_id: f.lifecycle.id, lifecycle_version: f.lifecycle.version, state_category: meaning.category }).where('ticket_id', '=', t.ticket_id).execute();
      return;
    }
    // moved or fields updated: dimensions first (a fact is measured with the ticket as it is after the move).
    const next: CsiTicketsRow = { ...t };
    const group = fieldText(f.fields, 'assignmentGroup');
    if (group !== undefined && group !== null) {
      if (next.first_group === null) next.first_group = group;
      else if (group !== next.assignment_group) next.reassignments++;
      next.assignment_group = group;
    }
    const service = fieldText(f.fields, 'service');
    if (service !== undefined) next.service = service;
    const priority = fieldNumber(f.fields, 'priority');
    if (priority !== undefined) next.priority = priority;
    const outcome = fieldText(f.fields, 'outcome');
    if (outcome !== undefined) next.outcome = outcome;
    const changeType = fieldText(f.fields, 'changeType');
    if (changeType !== undefined) next.change_type = changeTypeOf(next.lifecycle_id, changeType);

    // MTTA: the first acknowledgement or assignment (a group or an assignee set, or the first move out of `new`).
    const assignee = fieldText(f.fields, 'assignee');
    if (next.acknowledged_at === null) {
      const leavesNew = f.kind === 'moved' && t.state_category === 'new';
      if ((group ?? null) !== null || (assignee ?? null) !== null || leavesNew) {
        next.acknowledged_at = ctx.at;
        await fact(tx, 'acknowledged', next, ctx, { duration_minutes: minutesBetween(t.opened_at, ctx.at) });
      }
    }
    if (f.kind === 'moved') {
      const meaning = await meanings.of(tx, ctx.machine ?? { id: t.lifecycle_id, version: Number(t.lifecycle_version) }, f.to);
      next.state_category = meaning.category;
      if (meaning.category === 'resolved' && t.state_category !== 'resolved') {
        next.resolutions++;
        const firstContact = next.resolutions === 1 && next.reassignments === 0 ? 1 : 0;
        const business = change ? resolutionBusinessMinutes(change.after, change.defs, change.at) : null;
        await fact(tx, 'resolved', next, ctx, { duration_minutes: minutesBetween(t.opened_at, ctx.at), business_minutes: business, first_contact: firstContact, value: next.resolutions });
      }
      if (t.state_category === 'resolved' && meaning.category !== null && isOpenCategory(meaning.category)) await fact(tx, 'reopened', next, ctx);
      if (meaning.category === 'closed' && t.state_category !== 'closed' && next.process === 'change') {
        await fact(tx, 'change_closed', next, ctx, { outcome: next.outcome, change_type: next.change_type });
      }
    }
    // SLA compliance: each clock that stopped with this event, met (1) or missed (0), and its business minutes.
    if (change) {
      for (const done of completedClocks(change.before, change.after, change.defs, change.at)) {
        await fact(tx, done.clock === 'response' ? 'sla_response' : 'sla_resolution', next, ctx, { value: done.met ? 1 : 0, business_minutes: done.businessMinutes });
      }
    }
    const rating = fieldNumber(f.fields, RATING_FIELD);
    if (typeof rating === 'number' && rating >= 1 && rating <= 5) await fact(tx, 'rated', next, ctx, { value: rating });
    await tx.updateTable('csi_tickets').set(next).where('ticket_id', '=', t.ticket_id).execute();
  }

  return {
    name: 'csi',
    // 2: SLA compliance facts (sla_response, sla_resolution) and business minutes of resolutions.
    version: 2,
    tables: CSI_TABLES,
    createTables: async (db, names) => {
      await createCsiTables(db, names);
      await createSlaTables(db, { definitions: names.csi_sla_definitions, folds: names.csi_sla_folds });
    },
    async apply(tx, event) {
      // The clocks first: a fact of this event is measured on the clock as this event leaves it.
      const change = await sla.apply(tx, event);
      const f = classifyEvent(event);
      if (!f) return;
      if (f.kind === 'lifecyclePublished') return meanings.record(tx, f);
      await apply(tx, f, factContext(event), change);
    },
  };
}

/** standard, normal or emergency: the field when set, else the lifecycle (`change-emergency`). */
function changeTypeOf(lifecycleId: string, field: string | null | undefined): string | null {
  if (field) return field;
  const match = /^change-(standard|normal|emergency)$/.exec(lifecycleId);
  return match ? match[1] : null;
}
