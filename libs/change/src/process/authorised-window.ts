import type { PlannedWindow } from '../schedule/planned-window';

/**
 * An authorisation covers the planned window it was given for. Moving the change inside that
 * window (starting later, ending sooner) keeps it; moving either end outside it needs the change
 * authority again. A change without a recorded window (authorised before version 3 recorded it,
 * then migrated) is treated as outside: re-authorising is the safe side.
 */
export function isOutsideWindow(authorisation: unknown, planned: { start: unknown; end: unknown }): boolean {
  const window = windowOf(authorisation);
  if (!window) return true;
  const start = Date.parse(String(planned.start ?? ''));
  const end = Date.parse(String(planned.end ?? ''));
  if (!Number.isFinite(start) || !Number.isFinite(end)) return true;
  return start < Date.parse(window.start) || end > Date.parse(window.end);
}

function windowOf(authorisation: unknown): PlannedWindow | null {
  if (!authorisation || typeof authorisation !== 'object' || !('window' in authorisation)) return null;
  const w = (authorisation as { window: unknown }).window;
  return w && typeof w === 'object' && typeof (w as PlannedWindow).start === 'string' && typeof (w as PlannedWindow).end === 'string' ? (w as PlannedWindow) : null;
}
