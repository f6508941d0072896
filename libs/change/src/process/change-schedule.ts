import type { ScheduledChange } from '../schedule/collisions';

/**
 * Other changes' windows, as collision detection needs them. decide cannot read the store, so
 * the collision policy asks this port, which answers from an in-process index folded from the
 * change streams (ChangeScheduleIndex). What it found is recorded in the fact it derived
 * (`collisions` with their overlaps), so replay never asks again.
 */
export interface ChangeSchedule {
  /** Changes that touch one of `configurationItems` (any state: collisionsOf keeps those holding a window). */
  touching(configurationItems: readonly string[]): ScheduledChange[];
}

interface Entry {
  state: string;
  start: string | null;
  end: string | null;
  cis: string[];
}

/** The index: one entry per change, kept from the engine's change facts by their shape. */
export class ChangeScheduleIndex implements ChangeSchedule {
  private readonly entries = new Map<string, Entry>();

  /** Applies one event of a `change-<id>` stream (other streams and kinds are ignored). */
  apply(streamId: string, data: unknown): void {
    if (!streamId.startsWith('change-') || !data || typeof data !== 'object') return;
    const d = data as { state?: string; to?: string; fields?: Record<string, unknown>; lifecycle?: unknown; from?: string };
    const id = streamId.slice('change-'.length);
    const before = this.entries.get(id);
    if (!before && !(d.lifecycle && d.state)) return;
    const entry: Entry = before ? { ...before } : { state: d.state!, start: null, end: null, cis: [] };
    if (typeof d.to === 'string') entry.state = d.to;
    const f = d.fields ?? {};
    if (typeof f.plannedStart === 'string') entry.start = f.plannedStart;
    if (typeof f.plannedEnd === 'string') entry.end = f.plannedEnd;
    if (Array.isArray(f.configurationItems)) entry.cis = f.configurationItems.filter((c): c is string => typeof c === 'string');
    this.entries.set(id, entry);
  }

  touching(configurationItems: readonly string[]): ScheduledChange[] {
    const wanted = new Set(configurationItems);
    const out: ScheduledChange[] = [];
    for (const [changeId, e] of this.entries) {
      if (e.start && e.end && e.cis.some((c) => wanted.has(c))) out.push({ changeId, state: e.state, window: { start: e.start, end: e.end }, configurationItems: e.cis });
    }
    return out;
  }
}

/** No other changes: for tests of a single change. */
export const emptySchedule: ChangeSchedule = { touching: () => [] };
