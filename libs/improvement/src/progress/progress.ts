import type { MeasuredFigure } from '../initiative/initiative.events';
import type { Initiative } from '../initiative/initiative.state';
import { meets } from '../initiative/initiative.decider';
import { daysBetween } from '../measure/measure';

/**
 * Where an open initiative stands:
 * - achieved: the current figure meets the target (not yet closed by its owner);
 * - overdue: past its due date and not achieved;
 * - on-track: at least as far to the target as the time elapsed from baseline to due date;
 * - behind: less far than the time elapsed;
 * - no-data: the current window holds no data (and it is not overdue).
 * A closed initiative stands as it was closed: achieved or abandoned.
 */
export type Standing = 'achieved' | 'on-track' | 'behind' | 'overdue' | 'no-data' | 'abandoned';

export interface Progress {
  /** The figure now (open) or when it was closed, over the same window and definition as the baseline. */
  current: MeasuredFigure;
  /** current - baseline (negative: the figure went down). */
  delta: number | null;
  /** (current - baseline) / (target - baseline) x 100: 0 at the baseline, 100 at the target, negative when worse. */
  percentToTarget: number | null;
  /** Days from baseline to today / days from baseline to the due date x 100 (open initiatives). */
  timeElapsedPercent: number | null;
  standing: Standing;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function progressOf(initiative: Initiative, current: MeasuredFigure, today: string): Progress {
  const baseline = initiative.baseline.value;
  const value = current.value;
  const delta = value === null || baseline === null ? null : round(value - baseline, 4);
  const percentToTarget = delta === null || baseline === null || initiative.target === baseline ? null : round((delta / (initiative.target - baseline)) * 100, 2);
  if (initiative.status !== 'open') return { current, delta, percentToTarget, timeElapsedPercent: null, standing: initiative.status };
  const span = daysBetween(initiative.baselineAt, initiative.dueDate);
  const timeElapsedPercent = round((Math.max(0, daysBetween(initiative.baselineAt, today)) / span) * 100, 2);
  const standing: Standing =
    value !== null && meets(value, initiative.target, initiative.direction)
      ? 'achieved'
      : today > initiative.dueDate
        ? 'overdue'
        : percentToTarget === null
          ? 'no-data'
          : percentToTarget >= timeElapsedPercent
            ? 'on-track'
            : 'behind';
  return { current, delta, percentToTarget, timeElapsedPercent, standing };
}
