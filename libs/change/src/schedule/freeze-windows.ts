import { FreezeWindowError } from '../change.errors';
import { finding, isBlank, repeats, type DataFinding } from '../data-finding';
import { overlaps, parseWindow, type PlannedWindow } from './planned-window';

/**
 * Freeze (blackout) windows as versioned data: periods when changes must not be implemented,
 * for every service (no `services`) or for the listed ones (month-end close for finance, say).
 */
export interface FreezeCalendar {
  id: string;
  version: number;
  windows: (PlannedWindow & { id: string; reason: string; services?: string[] })[];
}

export type ChangeType = 'standard' | 'normal' | 'emergency';

export function validateFreezeCalendar(calendar: FreezeCalendar): DataFinding[] {
  const out: DataFinding[] = [];
  if (isBlank(calendar.id)) out.push(finding('$.id', 'REQUIRED', 'must be a non-empty id'));
  (calendar.windows ?? []).forEach((w, i) => {
    const at = `$.windows[${i}]`;
    if (isBlank(w.id)) out.push(finding(`${at}.id`, 'REQUIRED', 'must be a non-empty id'));
    if (isBlank(w.reason)) out.push(finding(`${at}.reason`, 'REQUIRED', 'must say why changes are frozen'));
    try {
      parseWindow(w, at);
    } catch (error) {
      out.push(finding((error as { details: { path: string } }).details.path, 'BAD_WINDOW', (error as Error).message));
    }
    if (w.services !== undefined && (!Array.isArray(w.services) || w.services.length === 0)) {
      out.push(finding(`${at}.services`, 'EMPTY_SCOPE', 'omit it for a global freeze, or list at least one service'));
    }
  });
  for (const r of repeats(calendar.windows ?? [], (w) => w.id)) out.push(finding(`$.windows[${r.index}].id`, 'DUPLICATE', `window '${r.key}' is defined twice`));
  return out;
}

/** The freeze windows a planned window falls in, for a change to `service` (global ones always count). */
export function freezesHit(calendar: FreezeCalendar, window: PlannedWindow, service: string | null): FreezeCalendar['windows'] {
  const planned = parseWindow(window);
  return calendar.windows.filter((w) => (!w.services || (service !== null && w.services.includes(service))) && overlaps(planned, parseWindow(w)));
}

/**
 * ITIL: a normal or standard change is not scheduled into a freeze; an emergency change may
 * proceed, but only with a recorded justification. Returns the windows an emergency overrides.
 */
export function checkFreeze(calendar: FreezeCalendar, window: PlannedWindow, service: string | null, type: ChangeType, justification?: string | null): FreezeCalendar['windows'] {
  const hit = freezesHit(calendar, window, service);
  if (hit.length === 0) return [];
  if (type === 'emergency' && !isBlank(justification)) return hit;
  throw new FreezeWindowError(hit.map(({ id, start, end, reason }) => ({ id, start, end, reason })));
}
