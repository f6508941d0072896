import { clockModels, clockStatus, factKey, pinsOf, slaDueAt, type SlaClockKind, type SlaDefinitions, type TicketSla } from '@itil/sla';

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** The tickets' SLA columns from a fold: due time of the running resolution clock, and the breach recorded for the current baseline. */
export function slaColumns(t: TicketSla, defs: SlaDefinitions): { sla_due_at: string | null; sla_breached: number; sla_breached_at: string | null } {
  const pins = pinsOf(t, defs);
  const baseline = pins?.baseline ?? 0;
  // Breaches are the scheduler's facts (SlaBreached on sla-<ticket>), the earliest of either clock.
  const breaches = (['response', 'resolution'] as const).map((clock) => t.recorded.get(factKey(clock, baseline, 100))?.at).filter((at): at is number => at !== undefined);
  const breachedAt = breaches.length === 0 ? null : Math.min(...breaches);
  return { sla_due_at: iso(slaDueAt(t, defs)), sla_breached: breachedAt === null ? 0 : 1, sla_breached_at: iso(breachedAt) };
}

export interface ClockCompletion {
  clock: SlaClockKind;
  met: boolean;
  /** Business time the clock ran, paused time removed, in minutes. */
  businessMinutes: number;
}

/** Clocks that stopped with this change (running or paused before, stopped after), with whether they met their target. */
export function completedClocks(before: TicketSla | undefined, after: TicketSla, defs: SlaDefinitions, at: number): ClockCompletion[] {
  const was = new Map((before ? clockModels(before, defs) : []).map((m) => [m.clock, m.segments[m.segments.length - 1].mode]));
  const out: ClockCompletion[] = [];
  for (const model of clockModels(after, defs)) {
    const mode = model.segments[model.segments.length - 1].mode;
    if (mode !== 'stopped' || was.get(model.clock) === 'stopped' || !was.has(model.clock)) continue;
    // Status just after the stop: at the stop's own instant the clock still reads as running.
    const status = clockStatus(after, model, at + 1);
    if (status.met === null) continue; // no target at this priority: nothing to comply with
    out.push({ clock: model.clock, met: status.met, businessMinutes: status.elapsedMs / 60_000 });
  }
  return out;
}

/** Business minutes the resolution clock has run up to `at` (paused time removed), null without an SLA. */
export function resolutionBusinessMinutes(t: TicketSla, defs: SlaDefinitions, at: number): number | null {
  const model = clockModels(t, defs).find((m) => m.clock === 'resolution');
  if (!model) return null;
  return clockStatus(t, model, at).elapsedMs / 60_000;
}
