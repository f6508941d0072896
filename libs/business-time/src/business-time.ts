import { BusinessTimeRangeError } from './business-time.errors';
import type { BusinessCalendar, Instant, WorkingSpan } from './calendar.types';
import { compileCalendar, type CompiledCalendar } from './calendar-timeline';
import { checkInRange, SUPPORTED_RANGE, toDurationMs, toEpochMs } from './instant';

/**
 * Business-time arithmetic on absolute instants (UTC epoch milliseconds, or Dates), with working
 * hours read as wall-clock times in the calendar's zone. Every result is exact to the millisecond.
 *
 * Working intervals are half-open, [start, end): the start instant is working, the end instant is not.
 * How a wall-clock boundary that falls in a daylight-saving gap or repeated hour becomes an instant is
 * decided by one rule, documented on `WallClockResolver` (zone-offsets.ts) and in the README.
 */

/** A calendar as data, or one already compiled with `compileCalendar`. */
export type CalendarInput = BusinessCalendar | CompiledCalendar;

/** Working milliseconds in [from, to); 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: CalendarInput, from: Instant, to: Instant): number {
  const cal = compileCalendar(calendar);
  return workedBetween(cal, toEpochMs(from, 'from'), toEpochMs(to, 'to'));
}

/** @internal the same on validated epoch milliseconds, for the other modules of the library. */
export function workedBetween(cal: CompiledCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (cal.alwaysOpen) return to - from;
  const a = cal.locate(from);
  const b = cal.locate(to);
  if (a.block === b.block) return b.block.workedBefore(to, b.index) - a.block.workedBefore(from, a.index);
  // Rest of the first block, whole blocks in between, start of the last block.
  let total = a.block.total - a.block.workedBefore(from, a.index);
  for (let k = a.block.index + 1; k < b.block.index; k++) total += cal.block(k).total;
  return total + b.block.workedBefore(to, b.index);
}

/**
 * The due time of a target: the EARLIEST instant t >= from with businessTimeBetween(from, t) === duration.
 *
 * Taking the earliest instant settles the edge cases with one rule:
 * - when the duration runs out exactly at the end of a working interval, the result is that end
 *   instant (e.g. Friday 17:00), not the start of the next interval (Monday 09:00): the time was
 *   used up at 17:00, and at 17:00 the target is already due;
 * - a duration of 0 returns `from` itself, even outside working hours (nothing has to elapse). Use
 *   `nextWorkingInstant` if you want the moment work can start instead.
 * So `businessTimeBetween(from, addBusinessTime(from, d)) === d` always holds, and
 * `addBusinessTime(from, businessTimeBetween(from, to)) <= to`, equal when `to` is working time or
 * the end of an interval.
 *
 * Throws `BusinessTimeRangeError` if the result would lie beyond `SUPPORTED_RANGE.end`.
 */
export function addBusinessTime(calendar: CalendarInput, from: Instant, duration: number): number {
  const cal = compileCalendar(calendar);
  const start = toEpochMs(from, 'from');
  const ms = toDurationMs(duration, 'duration');
  if (ms === 0) return start;
  if (cal.alwaysOpen) return checkInRange(start + ms, 'the result');
  const position = cal.locate(start);
  let block = position.block;
  // The target, expressed as working time since the start of the current block.
  let target = block.workedBefore(start, position.index) + ms;
  while (target > block.total) {
    target -= block.total;
    block = cal.block(block.index + 1);
    if (block.dayStarts[0] > SUPPORTED_RANGE.end) throw beyondRange('adding the duration');
  }
  // The first interval whose cumulative end reaches the target: cumulative[i + 1] >= target.
  let lo = 0;
  let hi = block.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (block.cumulative[mid + 1] >= target) hi = mid;
    else lo = mid + 1;
  }
  return checkInRange(block.starts[lo] + (target - block.cumulative[lo]), 'the result');
}

/** Whether `instant` is working time (interval starts are working, interval ends are not). */
export function isWorkingInstant(calendar: CalendarInput, instant: Instant): boolean {
  const cal = compileCalendar(calendar);
  const t = toEpochMs(instant, 'instant');
  if (cal.alwaysOpen) return true;
  const { block, index } = cal.locate(t);
  return (index > 0 && t < block.ends[index - 1]) || (index < block.starts.length && block.starts[index] === t);
}

/** The earliest working instant at or after `instant` (`instant` itself when it is working time). */
export function nextWorkingInstant(calendar: CalendarInput, instant: Instant): number {
  const cal = compileCalendar(calendar);
  const t = toEpochMs(instant, 'instant');
  if (cal.alwaysOpen) return t;
  const position = cal.locate(t);
  let { block } = position;
  if (position.index > 0 && t < block.ends[position.index - 1]) return t;
  if (position.index < block.starts.length) return checkInRange(block.starts[position.index], 'the next working instant');
  do {
    block = cal.block(block.index + 1);
    if (block.dayStarts[0] > SUPPORTED_RANGE.end) throw beyondRange('the next working instant');
  } while (block.starts.length === 0);
  return checkInRange(block.starts[0], 'the next working instant');
}

/**
 * The working intervals within [from, to), clipped to it, in order, as absolute instants: for
 * display ("the clock runs 09:00-12:00 and 13:00-17:30") and for checking the arithmetic by hand.
 */
export function workingSpansBetween(calendar: CalendarInput, from: Instant, to: Instant): WorkingSpan[] {
  const cal = compileCalendar(calendar);
  const a = toEpochMs(from, 'from');
  const b = toEpochMs(to, 'to');
  if (b <= a) return [];
  if (cal.alwaysOpen) return [{ start: a, end: b }];
  const spans: WorkingSpan[] = [];
  const position = cal.locate(a);
  let { block, index } = position;
  if (index > 0 && a < block.ends[index - 1]) spans.push({ start: a, end: Math.min(b, block.ends[index - 1]) });
  const last = cal.locate(b).block.index;
  for (;;) {
    for (; index < block.starts.length && block.starts[index] < b; index++) {
      spans.push({ start: block.starts[index], end: Math.min(b, block.ends[index]) });
    }
    if (block.index >= last) return spans;
    block = cal.block(block.index + 1);
    index = 0;
  }
}

function beyondRange(what: string): BusinessTimeRangeError {
  return new BusinessTimeRangeError(`${what} goes beyond the supported range, which ends at 2200-01-01T00:00:00Z`);
}
