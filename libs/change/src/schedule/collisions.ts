import { overlapOf, overlaps, parseWindow, type PlannedWindow } from './planned-window';

/** A change as collision detection sees it: its window and the configuration items it touches. */
export interface ScheduledChange {
  changeId: string;
  state: string;
  window: PlannedWindow;
  configurationItems: readonly string[];
}

export interface Collision {
  changeId: string;
  configurationItems: string[];
  overlap: PlannedWindow;
}

/** The states whose changes hold their window (a change still in assessment holds nothing yet). */
export const HOLDS_WINDOW = ['scheduled', 'implementing'];

/**
 * Other changes that touch one of the same configuration items in an overlapping window, while
 * they are scheduled or implementing. Reported, not refused: the CAB decides what to do.
 */
export function collisionsOf(candidate: Omit<ScheduledChange, 'state'>, others: readonly ScheduledChange[]): Collision[] {
  const window = parseWindow(candidate.window);
  const cis = new Set(candidate.configurationItems);
  const out: Collision[] = [];
  for (const other of others) {
    if (other.changeId === candidate.changeId || !HOLDS_WINDOW.includes(other.state)) continue;
    const shared = other.configurationItems.filter((ci) => cis.has(ci));
    if (shared.length === 0) continue;
    const theirs = parseWindow(other.window);
    if (overlaps(window, theirs)) out.push({ changeId: other.changeId, configurationItems: [...new Set(shared)].sort(), overlap: overlapOf(window, theirs) });
  }
  return out.sort((a, b) => a.changeId.localeCompare(b.changeId));
}
