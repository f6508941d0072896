import { addBusinessTime, businessTimeBetween, type CompiledCalendar } from '@itil/business-time';
import type { ClockMode } from './ticket-sla.fold';

/** A period of a clock in one mode, `[start, end)`; the last one is open (`end` Infinity). */
export interface Segment {
  start: number;
  end: number;
  mode: ClockMode;
}

/** A target in force from an instant on (a priority change may replace it). */
export interface Epoch {
  from: number;
  targetMs: number | undefined;
  priority: number | null;
  causedBy: string;
}

export function segmentsOf(modes: readonly { at: number; mode: ClockMode }[]): Segment[] {
  return modes.map((m, i) => ({ start: m.at, end: i + 1 < modes.length ? modes[i + 1].at : Infinity, mode: m.mode }));
}

export interface Measured {
  /** Business time the clock ran in [start, now). */
  elapsedMs: number;
  /** Business time that passed while the clock was paused (pending states), and the wall-clock time. */
  pausedMs: number;
  pausedWallMs: number;
  mode: ClockMode;
}

/** Elapsed and paused time at `now`, exact to the millisecond, on the pinned calendar. */
export function measure(cal: CompiledCalendar, segments: readonly Segment[], now: number): Measured {
  let elapsedMs = 0;
  let pausedMs = 0;
  let pausedWallMs = 0;
  let mode: ClockMode = segments[0]?.mode ?? 'stopped';
  for (const s of segments) {
    if (s.start >= now) break;
    mode = s.mode;
    const end = Math.min(s.end, now);
    if (s.mode === 'running') elapsedMs += businessTimeBetween(cal, s.start, end);
    else if (s.mode === 'paused') {
      pausedMs += businessTimeBetween(cal, s.start, end);
      pausedWallMs += end - s.start;
    }
  }
  return { elapsedMs, pausedMs, pausedWallMs, mode };
}

/**
 * The first instant at which the clock's elapsed business time reaches `fraction` of the target in
 * force then, or undefined if it never does on the known history (the clock stopped, or is paused
 * now and might never resume). A retarget that finds the new threshold already passed reaches it
 * at the instant of the retarget. The last segment is taken to go on as it is.
 *
 * `strict` is for the breach: a clock breaches when its elapsed time goes beyond the target, so a
 * ticket resolved at the very instant it was due has met it. The instant returned is then the due
 * instant (the last one at which elapsed equalled the target): that is when the breach happened.
 */
export function reachInstant(cal: CompiledCalendar, segments: readonly Segment[], epochs: readonly Epoch[], fraction: number, strict = false): number | undefined {
  if (segments.length === 0) return undefined;
  const bounds = [...new Set([...segments.map((s) => s.start), ...epochs.map((e) => e.from)])].sort((a, b) => a - b);
  let acc = 0;
  let si = 0;
  let ei = -1;
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i];
    if (b < segments[0].start) continue;
    const end = i + 1 < bounds.length ? bounds[i + 1] : Infinity;
    while (si + 1 < segments.length && segments[si + 1].start <= b) si++;
    while (ei + 1 < epochs.length && epochs[ei + 1].from <= b) ei++;
    const target = ei >= 0 ? epochs[ei].targetMs : undefined;
    const threshold = target === undefined ? undefined : Math.ceil(target * fraction);
    if (threshold !== undefined && (strict ? acc > threshold : acc >= threshold)) return b;
    if (segments[si].mode !== 'running') {
      if (end === Infinity) return undefined;
      continue;
    }
    const worked = end === Infinity ? Infinity : businessTimeBetween(cal, b, end);
    if (threshold !== undefined && (strict ? acc + worked > threshold : acc + worked >= threshold)) {
      try {
        return addBusinessTime(cal, b, threshold - acc);
      } catch {
        return undefined; // beyond the range business time supports: never, in practice
      }
    }
    if (end === Infinity) return undefined;
    acc += worked;
  }
  return undefined;
}
