import type { CsiMetric } from '@itil/read-models/queries/csi-definitions';
import type { CsiReportRow } from './csi-report.port';

/** The one number an initiative follows for each metric (a name of the CSI report's columns). */
export const HEADLINE_FIGURE: Record<CsiMetric, string> = {
  mtta: 'meanMinutes',
  mttr: 'meanMinutes',
  'first-contact-resolution': 'percent',
  'reopen-rate': 'percent',
  csat: 'meanRating',
  effort: 'minutes',
  'change-success': 'successPercent',
  'backlog-aging': 'count',
};

const num = (v: unknown): number => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
const round = (n: number): number => Math.round(n * 10_000) / 10_000;
const ratio = (part: number, whole: number, scale = 1): number | null => (whole === 0 ? null : round((part / whole) * scale));

/**
 * The headline figure over a window, from the report's daily rows of one service. Means are
 * re-weighted by their counts (a mean of daily means would weigh a quiet day like a busy one);
 * rates are recomputed from their parts. The report rounds a daily mean to 4 decimals, so a
 * mean over several days can differ from the exact one in the 4th decimal.
 */
export function figureOf(metric: CsiMetric, rows: CsiReportRow[]): { value: number | null; sample: number } {
  const sum = (key: string) => rows.reduce((n, r) => n + num(r[key]), 0);
  const weighted = (mean: string, weight: string) => rows.reduce((n, r) => n + num(r[mean]) * num(r[weight]), 0);
  switch (metric) {
    case 'mtta':
    case 'mttr': {
      const count = sum('count');
      return { value: ratio(weighted('meanMinutes', 'count'), count), sample: count };
    }
    case 'first-contact-resolution': {
      const count = sum('count');
      return { value: ratio(sum('firstContact'), count, 100), sample: count };
    }
    case 'reopen-rate': {
      const resolved = sum('resolved');
      return { value: ratio(sum('reopened'), resolved, 100), sample: resolved };
    }
    case 'csat': {
      const rated = sum('rated');
      return { value: ratio(weighted('meanRating', 'rated'), rated), sample: rated };
    }
    case 'effort':
      return { value: sum('minutes'), sample: sum('count') };
    case 'change-success': {
      const closed = sum('closed');
      return { value: ratio(sum('successful'), closed, 100), sample: closed };
    }
    case 'backlog-aging': {
      const open = sum('count');
      return { value: open, sample: open };
    }
    default: {
      const unknown: never = metric;
      return unknown;
    }
  }
}
