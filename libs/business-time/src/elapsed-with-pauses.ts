import { BusinessTimeArgumentError } from './business-time.errors';
import type { Instant, Pause } from './calendar.types';
import { compileCalendar } from './calendar-timeline';
import { workedBetween, type CalendarInput } from './business-time';
import { toEpochMs } from './instant';

/** Working time of an SLA clock split into what ran and what was paused, all in [start, now). */
export interface ElapsedBusinessTime {
  /** Working milliseconds in [start, now), pauses ignored. */
  readonly working: number;
  /** Working milliseconds in [start, now) covered by at least one pause (each counted once). */
  readonly paused: number;
  /** working - paused: the clock's elapsed business time. Never negative. */
  readonly elapsed: number;
}

/**
 * Elapsed business time of a clock started at `start`, at `now`, with pauses removed.
 *
 * Pauses are taken as the UNION of their intervals, clipped to [start, now), before any arithmetic,
 * which is what makes the result right for the inputs that break naive implementations:
 * - pauses that overlap or repeat each other (two pending states, a replayed event) count once;
 * - a pause that began before `start` only removes time from `start` on;
 * - an open pause (no `end`) runs until `now`; a pause entirely after `now` removes nothing;
 * - a pause spanning nights, weekends or holidays removes only the working time inside it.
 * Since the merged pauses are disjoint and inside [start, now), `paused <= working` and the
 * elapsed time can never be negative.
 */
export function measureElapsedBusinessTime(
  calendar: CalendarInput,
  start: Instant,
  now: Instant,
  pauses: readonly Pause[] = [],
): ElapsedBusinessTime {
  const cal = compileCalendar(calendar);
  const from = toEpochMs(start, 'start');
  const to = toEpochMs(now, 'now');
  if (!Array.isArray(pauses)) throw new BusinessTimeArgumentError('pauses must be a list of { start, end? } pauses');
  const clipped: [number, number][] = [];
  pauses.forEach((pause: Pause, i) => {
    if (typeof pause !== 'object' || pause === null) throw new BusinessTimeArgumentError(`pauses[${i}] must be an object { start, end? }`);
    const pauseStart = toEpochMs(pause.start, `pauses[${i}].start`);
    const pauseEnd = pause.end === undefined || pause.end === null ? Math.max(to, pauseStart) : toEpochMs(pause.end, `pauses[${i}].end`);
    if (pauseEnd < pauseStart) throw new BusinessTimeArgumentError(`pauses[${i}] ends before it starts`);
    const a = Math.max(pauseStart, from);
    const b = Math.min(pauseEnd, to);
    if (b > a) clipped.push([a, b]);
  });
  const working = workedBetween(cal, from, to);
  clipped.sort((x, y) => x[0] - y[0]);
  let paused = 0;
  let current: [number, number] | undefined;
  for (const interval of clipped) {
    if (current !== undefined && interval[0] <= current[1]) {
      current[1] = Math.max(current[1], interval[1]);
    } else {
      if (current !== undefined) paused += workedBetween(cal, current[0], current[1]);
      current = [interval[0], interval[1]];
    }
  }
  if (current !== undefined) paused += workedBetween(cal, current[0], current[1]);
  return { working, paused, elapsed: working - paused };
}

/** Elapsed business time of a clock with pauses removed; see `measureElapsedBusinessTime`. */
export function elapsedBusinessTime(calendar: CalendarInput, start: Instant, now: Instant, pauses: readonly Pause[] = []): number {
  return measureElapsedBusinessTime(calendar, start, now, pauses).elapsed;
}
