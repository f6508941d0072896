import { sql, type Kysely } from 'kysely';
import type { RunnerTables } from './runner-tables';

/**
 * Stable SQL views for BI tools and reporting jobs. A projection's tables are per generation
 * (`tickets_g3`) and their columns may change with its version; the views keep their names and
 * columns (docs/read-models.md lists them: the stable contract) and always read the live
 * generation. They are (re)created by the read-model migrations and in the same transaction as
 * every switch of a live generation, so a reader never sees a view over a retired table.
 *
 * A view is only added to, never changed: a new column goes at the end; a column a projection no
 * longer has is kept, computed or null, until a major version of this contract.
 */
interface ViewDefinition {
  name: string;
  /** The projection whose live tables it reads. */
  projection: string;
  /**
   * The projection version whose tables have every column the view names. While an older
   * generation is still live (an upgraded install rebuilding beside it), the view is absent: a
   * view over columns that do not exist cannot be created, and the API must still start. The
   * switch to the new generation creates it.
   */
  minVersion: number;
  /** The SELECT, with `{table}` for each logical table it reads. */
  select: string;
}

const VIEWS: ViewDefinition[] = [
  {
    name: 'v_tickets',
    projection: 'tickets',
    minVersion: 3,
    select: `select ticket_id, process, stream_id, title, description, state, state_category, is_open, priority,
      assignment_group, assignee, service, configuration_item, category, caller, lifecycle_id, lifecycle_version,
      opened_at, updated_at, resolved_at, closed_at, sla_clock, sla_due_at, sla_breached, sla_breached_at,
      planned_start, planned_end, reopen_count, comment_count, effort_minutes, fields_json
      from {tickets}`,
  },
  {
    name: 'v_ticket_comments',
    projection: 'tickets',
    minVersion: 3,
    select: `select ticket_id, comment_id, process, text, visibility, author, created_at from {ticket_comments}`,
  },
  {
    name: 'v_work_log',
    projection: 'tickets',
    minVersion: 3,
    select: `select ticket_id, entry_id, process, minutes, note, worked_by, worked_at, assignment_group, service from {ticket_work_log}`,
  },
  {
    name: 'v_known_errors',
    projection: 'tickets',
    minVersion: 3,
    select: `select ticket_id, process, title, symptom, workaround, root_cause, resolution_notes, service, configuration_item,
      state, state_category, published_at, updated_at from {known_errors}`,
  },
  {
    name: 'v_csi_facts',
    projection: 'csi',
    minVersion: 2,
    select: `select event_id, fact, ticket_id, process, service, assignment_group, priority, at, day, week, month,
      duration_minutes, business_minutes, first_contact, value, outcome, change_type from {csi_facts}`,
  },
  {
    // One row per day and dimensions: counts and sums, so a BI tool aggregates further without
    // averaging averages (mean = sum / count).
    name: 'v_csi_daily',
    projection: 'csi',
    minVersion: 2,
    select: `select day, week, month, process, service, assignment_group, priority,
      sum(case when fact = 'opened' then 1 else 0 end) as opened,
      sum(case when fact = 'acknowledged' then 1 else 0 end) as acknowledged,
      sum(case when fact = 'acknowledged' then duration_minutes else 0 end) as acknowledge_minutes,
      sum(case when fact = 'resolved' then 1 else 0 end) as resolved,
      sum(case when fact = 'resolved' then duration_minutes else 0 end) as resolve_minutes,
      sum(case when fact = 'resolved' and business_minutes is not null then 1 else 0 end) as resolved_with_sla,
      sum(case when fact = 'resolved' and business_minutes is not null then business_minutes else 0 end) as resolve_business_minutes,
      sum(case when fact = 'resolved' and value = 1 then 1 else 0 end) as first_resolutions,
      sum(case when fact = 'resolved' and first_contact = 1 then 1 else 0 end) as first_contact_resolutions,
      sum(case when fact = 'reopened' then 1 else 0 end) as reopened,
      sum(case when fact = 'sla_response' then 1 else 0 end) as response_sla_completed,
      sum(case when fact = 'sla_response' then value else 0 end) as response_sla_met,
      sum(case when fact = 'sla_resolution' then 1 else 0 end) as resolution_sla_completed,
      sum(case when fact = 'sla_resolution' then value else 0 end) as resolution_sla_met,
      sum(case when fact = 'rated' then 1 else 0 end) as rated,
      sum(case when fact = 'rated' then value else 0 end) as rating_sum,
      sum(case when fact = 'rated' and value >= 4 then 1 else 0 end) as rated_4_or_5,
      sum(case when fact = 'worked' then value else 0 end) as worked_minutes,
      sum(case when fact = 'change_closed' then 1 else 0 end) as changes_closed,
      sum(case when fact = 'change_closed' and outcome = 'successful' then 1 else 0 end) as changes_successful,
      sum(case when fact = 'change_closed' and outcome = 'failed' then 1 else 0 end) as changes_failed,
      sum(case when fact = 'change_closed' and outcome = 'backedOut' then 1 else 0 end) as changes_backed_out,
      sum(case when fact = 'change_closed' and change_type = 'emergency' then 1 else 0 end) as changes_emergency
      from {csi_facts}
      group by day, week, month, process, service, assignment_group, priority`,
  },
];

export const READ_MODEL_VIEWS = VIEWS.map((v) => v.name);

/**
 * Points every view at its projection's live generation (drop and create: PostgreSQL's
 * `create or replace` cannot change a view's columns). Views of a projection without a live
 * generation yet are left out until it has one. Run it inside the transaction that changes what
 * is live (`projection`: only that projection's views).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function refreshReadModelViews(db: Kysely<any>, projection?: string): Promise<void> {
  const live = await (db as Kysely<RunnerTables>).selectFrom('projection_generations').select(['name', 'generation', 'version']).where('role', '=', 'live').execute();
  const generation = new Map(live.map((g) => [g.name, { generation: Number(g.generation), version: Number(g.version) }]));
  // One projection's switch touches only its views: its lease serialises those, and other projections' switches touch others.
  for (const view of VIEWS.filter((v) => projection === undefined || v.projection === projection)) {
    const live = generation.get(view.projection);
    if (live === undefined) continue;
    await sql`drop view if exists ${sql.table(view.name)}`.execute(db);
    if (live.version < view.minVersion) continue;
    const body = view.select.replace(/\{(\w+)\}/g, (_, table: string) => `"${table}_g${live.generation}"`);
    await sql`create view ${sql.table(view.name)} as ${sql.raw(body)}`.execute(db);
  }
}
