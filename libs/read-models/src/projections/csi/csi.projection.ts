import type { Kysely } from 'kysely';
import { insertRows, RowChanges } from '../../database/row-changes';
import { positionText } from '../../events/position-text';
import { fieldNumber, fieldText, type FactContext, type TicketFact } from '../../events/ticket-facts';
import { applyInBatch, type ApplyContext, type Projection, type ProjectionBatch } from '../../runner/projection';
import { BatchMemory } from '../batch-memory';
import { factsOf, ticketIdsOf } from '../batch-facts';
import { isOpenCategory, LifecycleMeanings, type MeaningsBatch } from '../lifecycle-meaning';
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
 * when the event is projected and stored: a report never recomputes business time.
 */
export function csiProjection(): Projection<CsiTables> {
  // Meanings remembered between batches, while they follow one another.
  const memory = new BatchMemory();
  const meanings = new LifecycleMeanings('csi_lifecycle_states', memory);
  const sla = new SlaFolds({ definitions: 'csi_sla_definitions', folds: 'csi_sla_folds' }, memory);

  /** What one batch reads and changes, folded in memory and written per table at the end. */
  interface CsiBatch {
    meanings: MeaningsBatch;
    tickets: RowChanges<CsiTicketsRow>;
    facts: CsiFactsRow[];
  }

  function fact(b: CsiBatch, kind: CsiFactKind, t: CsiTicketsRow, ctx: FactContext, extra: Partial<CsiFactsRow> = {}): void {
    b.facts.push({
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
    });
  }

  function fold(b: CsiBatch, f: TicketFact, ctx: FactContext, change: SlaChange | undefined): void {
    if (f.kind === 'opened') {
      if (b.tickets.get({ ticket_id: f.ticketId })) return;
      const meaning = b.meanings.of(f.lifecycle, f.state);
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
      b.tickets.put(row);
      fact(b, 'opened', row, ctx);
      return;
    }
    if (f.kind === 'commented' || f.kind === 'linked' || f.kind === 'unlinked') return;
    const t = b.tickets.get({ ticket_id: f.ticketId });
    if (!t) return;
    if (f.kind === 'workLogged') {
      fact(b, 'worked', t, ctx, { value: f.minutes });
      return;
    }
    if (f.kind === 'migrated') {
      const meaning = b.meanings.of(f.lifecycle, f.toState);
      b.tickets.put({ ...t, lifecycle_id: f.lifecycle.id, lifecycle_version: f.lifecycle.version, state_category: meaning.category });
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
        fact(b, 'acknowledged', next, ctx, { duration_minutes: minutesBetween(t.opened_at, ctx.at) });
      }
    }
    if (f.kind === 'moved') {
      const meaning = b.meanings.of(ctx.machine ?? { id: t.lifecycle_id, version: Number(t.lifecycle_version) }, f.to);
      next.state_category = meaning.category;
      if (meaning.category === 'resolved' && t.state_category !== 'resolved') {
        next.resolutions++;
        const firstContact = next.resolutions === 1 && next.reassignments === 0 ? 1 : 0;
        const business = change ? resolutionBusinessMinutes(change.after, change.defs, change.at) : null;
        fact(b, 'resolved', next, ctx, { duration_minutes: minutesBetween(t.opened_at, ctx.at), business_minutes: business, first_contact: firstContact, value: next.resolutions });
      }
      if (t.state_category === 'resolved' && meaning.category !== null && isOpenCategory(meaning.category)) fact(b, 'reopened', next, ctx);
      if (meaning.category === 'closed' && t.state_category !== 'closed' && next.process === 'change') {
        fact(b, 'change_closed', next, ctx, { outcome: next.outcome, change_type: next.change_type });
      }
    }
    // SLA compliance: each clock that stopped with this event, met (1) or missed (0), and its business minutes.
    if (change) {
      for (const done of completedClocks(change.before, change.after, change.defs, change.at)) {
        fact(b, done.clock === 'response' ? 'sla_response' : 'sla_resolution', next, ctx, { value: done.met ? 1 : 0, business_minutes: done.businessMinutes });
      }
    }
    const rating = fieldNumber(f.fields, RATING_FIELD);
    if (typeof rating === 'number' && rating >= 1 && rating <= 5) fact(b, 'rated', next, ctx, { value: rating });
    b.tickets.put(next);
  }

  function openBatch(tx: Tx, context: ApplyContext): ProjectionBatch {
    memory.begin(context);
    // The SLA clocks first, event by event in their own tables: a fact is measured on the clock as its event leaves it.
    const clocks = sla.batch(tx);
    let b: CsiBatch | undefined;
    let last: bigint | undefined;
    return {
      add: async (events) => {
        last = events[events.length - 1].position;
        const changes = new Map<string, SlaChange>();
        (await clocks.add(events)).forEach((change, i) => change && changes.set(events[i].id, change));
        const facts = factsOf(events);
        if (facts.length === 0) return;
        b ??= { meanings: await meanings.batch(tx), tickets: new RowChanges<CsiTicketsRow>('csi_tickets', ['ticket_id'], csiTicketRow), facts: [] };
        await b.tickets.load(tx, 'ticket_id', ticketIdsOf(facts));
        for (const { fact: f, ctx } of facts) {
          if (f.kind === 'lifecyclePublished') b.meanings.record(f);
          else fold(b, f, ctx, changes.get(ctx.eventId));
        }
      },
      flush: async () => {
        await clocks.flush();
        if (b) {
          await b.meanings.flush(tx);
          await b.tickets.flush(tx);
          await insertRows(tx, 'csi_facts', b.facts);
        }
        memory.end(context, last!);
      },
      held: () => clocks.held() + (b ? b.tickets.size + b.facts.length : 0),
    };
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
    apply: applyInBatch(openBatch),
    openBatch,
  };
}

/** Stored rows in the shape the fold writes back (PostgreSQL may return integers as text). */
const csiTicketRow = (stored: CsiTicketsRow): CsiTicketsRow => ({
  ...stored,
  lifecycle_version: Number(stored.lifecycle_version),
  reassignments: Number(stored.reassignments),
  resolutions: Number(stored.resolutions),
  priority: stored.priority === null ? null : Number(stored.priority),
});

/** standard, normal or emergency: the field when set, else the lifecycle (`change-emergency`). */
function changeTypeOf(lifecycleId: string, field: string | null | undefined): string | null {
  if (field) return field;
  const match = /^change-(standard|normal|emergency)$/.exec(lifecycleId);
  return match ? match[1] : null;
}
