import type { CsiMetric } from '@itil/read-models/queries/csi-definitions';
import type { MeasuredFigure } from '../initiative/initiative.events';
import type { CsiReportPort } from './csi-report.port';
import { figureOf } from './figure-of';

const DAY = 86_400_000;
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY));
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** What an initiative measures: one metric, for one service, over the `windowDays` UTC days ending on a day. */
export interface MeasureSpec {
  metric: CsiMetric;
  service: string;
  windowDays: number;
}

/**
 * The figure "at" a day: the metric over the window of days ending on it, inclusive (30 days
 * ending 2026-03-31 = 2026-03-02..2026-03-31). Backlog aging counts the items open at the end of
 * that day, or now when the day is today. The baseline and every progress reading use this one
 * function, so they are the same definition.
 */
export async function measureAt(port: CsiReportPort, spec: MeasureSpec, day: string, now: Date): Promise<MeasuredFigure & { definition: string }> {
  const from = spec.metric === 'backlog-aging' ? day : addDays(day, 1 - spec.windowDays);
  const endOfDay = new Date(Date.parse(`${day}T00:00:00Z`) + DAY - 1);
  const asOf = spec.metric === 'backlog-aging' ? new Date(Math.min(endOfDay.getTime(), now.getTime())).toISOString() : undefined;
  const report = await port.dailyByService({ metric: spec.metric, from, to: day, asOf });
  const rows = report.rows.filter((r) => r.service === spec.service);
  return { ...figureOf(spec.metric, rows), from, to: day, definition: report.definition };
}
