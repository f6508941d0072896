import { InvalidWindowError } from '../change.errors';

/** A half-open interval [start, end) of instants: a window ending at 10:00 and one starting at 10:00 do not overlap. */
export interface PlannedWindow {
  start: string;
  end: string;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Date.parse rolls 2026-02-30 over to March 2nd: a date that does not exist must be refused. */
function isInstant(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses and checks a window: both ends ISO 8601 instants with a zone, and the end after the start. */
export function parseWindow(window: PlannedWindow, path = '$'): { start: number; end: number } {
  for (const key of ['start', 'end'] as const) {
    const value = window[key];
    if (!isInstant(value)) {
      throw new InvalidWindowError(`${path}.${key} must be an ISO 8601 instant with a zone, e.g. 2026-03-02T22:00:00Z`, `${path}.${key}`);
    }
  }
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (end <= start) throw new InvalidWindowError(`${path}: the window ends (${window.end}) before or when it starts (${window.start})`, `${path}.end`);
  return { start, end };
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** The shared part of two overlapping windows, as instants. */
export const overlapOf = (a: { start: number; end: number }, b: { start: number; end: number }): PlannedWindow => ({
  start: new Date(Math.max(a.start, b.start)).toISOString(),
  end: new Date(Math.min(a.end, b.end)).toISOString(),
});
