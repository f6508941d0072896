import { sql, type Kysely } from 'kysely';
import type { ReadModelDb } from '../database/read-model-db';
import { CSI_TABLES, type CsiTables } from '../projections/csi/csi.tables';
import { CSI_METRICS, DIMENSIONS, PERIODS, type CsiMetric, type Dimension, type Period } from './csi-definitions';
import { liveTables } from './live-tables';
import { InvalidQueryError } from './read-model.errors';

export interface CsiReportRequest {
  metric: CsiMetric;
  period?: Period;
  by?: Dimension;
  /** Period keys, inclusive: `2026-03-01` (day, week) or `2026-03` (month). */
  from?: string;
  to?: string;
  /** Backlog aging only: the instant ages are measured at. */
  asOf?: string;
}

export type CsiRow = Record<string, string | number | null>;

export interface CsiReport {
  metric: CsiMetric;
  definition: string;
  period: Period | null;
  by: Dimension | null;
  rows: CsiRow[];
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const pct = (part: number, whole: number): number | null => (whole === 0 ? null : round((part / whole) * 100));

/** CSI figures from the csi projection; each report carries its definition. */
export class CsiQueries {
  constructor(private readonly rm: ReadModelDb) {}

  async report(request: CsiReportRequest): Promise<CsiReport> {
    if (!(request.metric in CSI_METRICS)) throw new InvalidQueryError(`metric: one of ${Object.keys(CSI_METRICS).join(', ')}`);
    const period = request.period ?? 'month';
    if (!PERIODS.includes(period)) throw new InvalidQueryError(`period: one of ${PERIODS.join(', ')}`);
    if (request.by !== undefined && !(request.by in DIMENSIONS)) throw new InvalidQueryError(`by: one of ${Object.keys(DIMENSIONS).join(', ')}`);
    const db = await liveTables<CsiTables>(this.rm, 'csi', CSI_TABLES);
    const base = { metric: request.metric, definition: CSI_METRICS[request.metric], by: request.by ?? null };
    if (!db) return { ...base, period: request.metric === 'backlog-aging' ? null : period, rows: [] };
    if (request.metric === 'backlog-aging') return { ...base, period: null, rows: await this.backlog(db, request) };
    return { ...base, period, rows: await this.periodic(db, request.metric, period, request) };
  }

  private async periodic(db: Kysely<CsiTables>, metric: Exclude<CsiMetric, 'backlog-aging'>, period: Period, r: CsiReportRequest): Promise<CsiRow[]> {
    const dim = r.by ? DIMENSIONS[r.by] : undefined;
    const facts = { mtta: ['acknowledged'], mttr: ['resolved'], 'first-contact-resolution': ['resolved'], 'reopen-rate': ['resolved', 'reopened'], csat: ['rated', 'resolved'], effort: ['worked'], 'change-success': ['change_closed'] }[metric];
    let q = db
      .selectFrom('csi_facts')
      .select(sql<string>`${sql.ref(period)}`.as('period'))
      .select(sql<number>`count(*)`.as('n'))
      .select(sql<number>`sum(case when fact = 'acknowledged' or fact = 'resolved' then duration_minutes else 0 end)`.as('duration'))
      .select(sql<number>`sum(case when fact = 'resolved' then 1 else 0 end)`.as('resolved'))
      .select(sql<number>`sum(case when fact = 'resolved' and first_contact = 1 then 1 else 0 end)`.as('first_contact'))
      .select(sql<number>`sum(case when fact = 'resolved' and value = 1 then 1 else 0 end)`.as('fcr_base'))
      .select(sql<number>`sum(case when fact = 'reopened' then 1 else 0 end)`.as('reopened'))
      .select(sql<number>`sum(case when fact = 'rated' then 1 else 0 end)`.as('rated'))
      .select(sql<number>`sum(case when fact = 'rated' then value else 0 end)`.as('rating_sum'))
      .select(sql<number>`sum(case when fact = 'rated' and value >= 4 then 1 else 0 end)`.as('satisfied'))
      .select(sql<number>`sum(case when fact = 'worked' then value else 0 end)`.as('minutes'))
      // Change lifecycles v3: successful with issues met its objectives (a success); a failed backout is a failure.
      .select(sql<number>`sum(case when outcome in ('successful', 'successfulWithIssues') then 1 else 0 end)`.as('successful'))
      .select(sql<number>`sum(case when outcome in ('failed', 'backoutFailed') then 1 else 0 end)`.as('failed'))
      .select(sql<number>`sum(case when outcome = 'backedOut' then 1 else 0 end)`.as('backed_out'))
      .select(sql<number>`sum(case when change_type = 'emergency' then 1 else 0 end)`.as('emergency'))
      .where('fact', 'in', facts as never[]);
    if (metric === 'first-contact-resolution') q = q.where('process', '=', 'incident');
    if (dim) q = q.select(sql<string>`${sql.ref(dim)}`.as('dimension'));
    if (r.from) q = q.where(sql.ref(period), '>=', r.from);
    if (r.to) q = q.where(sql.ref(period), '<=', r.to);
    q = q.groupBy(sql.ref(period));
    if (dim) q = q.groupBy(sql.ref(dim));
    const rows = (await q.orderBy(sql.ref(period)).execute()) as Record<string, unknown>[];
    return rows
      .map((row) => {
        const out: CsiRow = { period: String(row.period) };
        if (r.by) out[r.by] = row.dimension === null || row.dimension === undefined ? null : r.by === 'priority' ? Number(row.dimension) : String(row.dimension);
        return { ...out, ...figures(metric, row) };
      })
      .filter((row) => row.count !== 0)
      .sort((a, b) => String(a.period).localeCompare(String(b.period)) || String(r.by ? a[r.by] : '').localeCompare(String(r.by ? b[r.by] : '')));
  }

  private async backlog(db: Kysely<CsiTables>, r: CsiReportRequest): Promise<CsiRow[]> {
    const asOf = r.asOf ? Date.parse(r.asOf) : Date.now();
    if (!Number.isFinite(asOf)) throw new InvalidQueryError('asOf: an ISO 8601 instant');
    const daysAgo = (d: number) => new Date(asOf - d * 86_400_000).toISOString();
    // Whole days since opened: 0-1 means opened less than 2 days ago, and so on.
    const bucket = sql<string>`case
      when opened_at > ${daysAgo(2)} then '0-1'
      when opened_at > ${daysAgo(6)} then '2-5'
      when opened_at > ${daysAgo(31)} then '6-30'
      when opened_at > ${daysAgo(91)} then '31-90'
      else '>90' end`;
    const dim = r.by ? DIMENSIONS[r.by] : undefined;
    // Bucketed in a subquery, grouped outside: PostgreSQL cannot match a GROUP BY to a parameterised expression.
    const aged = db
      .selectFrom('csi_tickets')
      .select(bucket.as('bucket'))
      .select(dim ? sql<string>`${sql.ref(dim)}`.as('dimension') : sql<null>`null`.as('dimension'))
      .where((eb) => eb.or([eb('state_category', 'is', null), eb('state_category', 'not in', ['resolved', 'closed', 'cancelled'])]))
      .where('opened_at', '<=', new Date(asOf).toISOString())
      .as('aged');
    const rows = (await db
      .selectFrom(aged)
      .select(['aged.bucket', 'aged.dimension'])
      .select(sql<number>`count(*)`.as('n'))
      .groupBy(['aged.bucket', 'aged.dimension'])
      .execute()) as Record<string, unknown>[];
    const order = ['0-1', '2-5', '6-30', '31-90', '>90'];
    return rows
      .map((row): CsiRow => ({ bucket: String(row.bucket), ...(r.by ? { [r.by]: row.dimension === null ? null : r.by === 'priority' ? Number(row.dimension) : String(row.dimension) } : {}), count: num(row.n) }))
      .sort((a, b) => order.indexOf(String(a.bucket)) - order.indexOf(String(b.bucket)) || String(r.by ? a[r.by] : '').localeCompare(String(r.by ? b[r.by] : '')));
  }
}

function figures(metric: Exclude<CsiMetric, 'backlog-aging'>, row: Record<string, unknown>): CsiRow {
  const n = num(row.n);
  const resolved = num(row.resolved);
  switch (metric) {
    case 'mtta':
      return { count: n, meanMinutes: n === 0 ? null : round(num(row.duration) / n) };
    case 'mttr':
      return { count: n, meanMinutes: n === 0 ? null : round(num(row.duration) / n), time: 'calendar' };
    case 'first-contact-resolution': {
      // First resolutions only (value = the resolution's number): a resolution after a reopen is not first contact.
      const firsts = num(row.fcr_base);
      return { count: firsts, firstContact: num(row.first_contact), percent: pct(num(row.first_contact), firsts) };
    }
    case 'reopen-rate':
      return { count: resolved, resolved, reopened: num(row.reopened), percent: pct(num(row.reopened), resolved) };
    case 'csat': {
      const rated = num(row.rated);
      return { count: rated + resolved, rated, meanRating: rated === 0 ? null : round(num(row.rating_sum) / rated), satisfiedPercent: pct(num(row.satisfied), rated), resolved, responseRatePercent: pct(rated, resolved) };
    }
    case 'effort':
      return { count: n, minutes: num(row.minutes) };
    case 'change-success':
      return { count: n, closed: n, successful: num(row.successful), failed: num(row.failed), backedOut: num(row.backed_out), successPercent: pct(num(row.successful), n), emergency: num(row.emergency), emergencyPercent: pct(num(row.emergency), n) };
    default: {
      const unknown: never = metric;
      return unknown;
    }
  }
}
