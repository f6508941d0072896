import type { CompiledCalendar } from '@itil/business-time';
import { CLOCK_KINDS, targetMs, type SlaClockKind, type SlaPolicy } from '../documents/sla-policy.types';
import type { SlaDefinitions, VersionRef } from '../definitions/sla-definitions';
import { measure, reachInstant, segmentsOf, type Epoch, type Segment } from './clock-math';
import { factKey, retargetKey } from './sla-clock.events';
import type { TicketSla } from './ticket-sla.fold';

export interface Pins {
  baseline: number;
  /** Facts of this baseline cannot happen before it began (the opening, or the re-baseline). */
  since: number;
  policy: VersionRef;
  calendar: VersionRef;
}

/** The versions a ticket's clocks run under: the latest re-baseline's, else those live at its opening. */
export function pinsOf(t: TicketSla, defs: SlaDefinitions): Pins | undefined {
  const r = t.rebaselines[t.rebaselines.length - 1];
  if (r) return { baseline: r.baseline, since: r.at, policy: r.policy, calendar: r.calendar };
  const pins = defs.pinsAt(t.process, t.service, t.openedPosition);
  return pins && { baseline: 0, since: t.openedAt, ...pins };
}

export interface ClockModel {
  clock: SlaClockKind;
  pins: Pins;
  policy: SlaPolicy;
  cal: CompiledCalendar;
  segments: Segment[];
  epochs: Epoch[];
}

/** The pure model of each clock: its periods (from the lifecycle's state meta) and its targets. */
export function clockModels(t: TicketSla, defs: SlaDefinitions): ClockModel[] {
  const pins = pinsOf(t, defs);
  if (!pins) return [];
  const policy = defs.policy(pins.policy);
  const cal = defs.calendar(pins.calendar);
  if (!policy || !cal) return [];
  return CLOCK_KINDS.map((clock) => {
    let modes = t.modes;
    // The response clock stops at the response, whatever happens after.
    if (clock === 'response' && t.respondedAt !== null) modes = [...t.modes.filter((m) => m.at < t.respondedAt!), { at: t.respondedAt, mode: 'stopped' as const, state: '' }];
    const priorities = policy.onPriorityChange === 'keep' ? t.priorities.slice(0, 1) : t.priorities;
    const epochs = priorities.map((p) => ({ from: p.at, targetMs: targetMs(policy, p.priority, clock), priority: p.priority, causedBy: p.eventId }));
    return { clock, pins, policy, cal, segments: segmentsOf(modes), epochs };
  });
}

export interface ThresholdFact {
  key: string;
  clock: SlaClockKind;
  baseline: number;
  percent: number;
  at: number;
  targetMs: number;
}

const epochAt = (epochs: readonly Epoch[], at: number): Epoch => [...epochs].reverse().find((e) => e.from <= at) ?? epochs[0];

function thresholdFact(model: ClockModel, percent: number): ThresholdFact | undefined {
  const reached = reachInstant(model.cal, model.segments, model.epochs, percent / 100, percent === 100);
  if (reached === undefined) return undefined;
  const at = Math.max(reached, model.pins.since);
  const target = epochAt(model.epochs, at).targetMs;
  if (target === undefined) return undefined;
  return { key: factKey(model.clock, model.pins.baseline, percent), clock: model.clock, baseline: model.pins.baseline, percent, at, targetMs: target };
}

const percentsOf = (model: ClockModel): number[] => [...model.policy.warnings.map((w) => w.percent), 100];

/** Every warning and breach instant the history determines, recorded or not. */
export function thresholdFacts(model: ClockModel): ThresholdFact[] {
  return percentsOf(model)
    .map((percent) => thresholdFact(model, percent))
    .filter((f): f is ThresholdFact => f !== undefined);
}

/**
 * The first threshold not yet recorded. A higher threshold is never reached before a lower one
 * (the same elapsed time against a larger share of the same target), so the scheduler needs only
 * this one per clock: one walk instead of one per threshold.
 */
export function nextThresholdFact(model: ClockModel, recorded: ReadonlyMap<string, unknown>): ThresholdFact | undefined {
  const percent = percentsOf(model).find((p) => !recorded.has(factKey(model.clock, model.pins.baseline, p)));
  return percent === undefined ? undefined : thresholdFact(model, percent);
}

export interface RetargetFact {
  key: string;
  clock: SlaClockKind;
  baseline: number;
  at: number;
  from: Epoch;
  to: Epoch;
}

/** Each priority change that replaced the target of a clock in this baseline. */
export function retargetFacts(model: ClockModel): RetargetFact[] {
  const facts: RetargetFact[] = [];
  for (let k = 1; k < model.epochs.length; k++) {
    const [from, to] = [model.epochs[k - 1], model.epochs[k]];
    if (to.from < model.pins.since || from.targetMs === to.targetMs) continue;
    facts.push({ key: retargetKey(model.clock, model.pins.baseline, to.causedBy), clock: model.clock, baseline: model.pins.baseline, at: to.from, from, to });
  }
  return facts;
}

export interface ClockStatus {
  clock: SlaClockKind;
  state: 'running' | 'paused' | 'stopped' | 'no-target';
  priority: number | null;
  targetMs: number | null;
  startedAt: string;
  dueAt: string | null;
  elapsedMs: number;
  remainingMs: number | null;
  pausedMs: number;
  pausedWallMs: number;
  breached: boolean;
  breachedAt: string | null;
  /** True when the clock stopped before its breach, false after it, null while not stopped. */
  met: boolean | null;
  stoppedAt: string | null;
  warnings: { percent: number; reachedAt: string | null; recordedAs: string | null }[];
  breach: { recordedAs: string | null };
  targets: { from: string; priority: number | null; targetMs: number | null; causedBy: string; recordedAs: string | null }[];
}

export interface TicketSlaStatus {
  ticketStream: string;
  process: string;
  service: string | null;
  state: string;
  lifecycle: { id: string; version: number };
  policy: VersionRef | null;
  calendar: VersionRef | null;
  baseline: number;
  rebaselines: { baseline: number; at: string; policy: VersionRef; calendar: VersionRef; reason: string; requestedBy: string }[];
  clocks: ClockStatus[];
  /** The resolution clock's due instant while it runs: what a queue sorts by (`sla_due_at`). */
  slaDueAt: string | null;
  computedAt: string;
}

const iso = (ms: number | undefined | null): string | null => (ms === undefined || ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function clockStatus(t: TicketSla, model: ClockModel, now: number): ClockStatus {
  const m = measure(model.cal, model.segments, now);
  const epoch = epochAt(model.epochs, now);
  const target = epoch.targetMs;
  const facts = new Map(thresholdFacts(model).map((f) => [f.percent, f]));
  const breach = facts.get(100);
  const last = model.segments.filter((s) => s.start <= now).pop();
  const stoppedAt = m.mode === 'stopped' && last ? last.start : null;
  const breached = breach !== undefined && breach.at <= now;
  const recorded = (percent: number) => t.recorded.get(factKey(model.clock, model.pins.baseline, percent))?.eventId ?? null;
  return {
    clock: model.clock,
    state: target === undefined ? 'no-target' : m.mode,
    priority: epoch.priority,
    targetMs: target ?? null,
    startedAt: iso(model.segments[0].start)!,
    dueAt: m.mode === 'running' && breach ? iso(breach.at) : null,
    elapsedMs: m.elapsedMs,
    remainingMs: target === undefined ? null : target - m.elapsedMs,
    pausedMs: m.pausedMs,
    pausedWallMs: m.pausedWallMs,
    breached,
    breachedAt: breached ? iso(breach.at) : null,
    met: stoppedAt === null || target === undefined ? null : !breached,
    stoppedAt: iso(stoppedAt),
    warnings: model.policy.warnings.map((w) => {
      const f = facts.get(w.percent);
      return { percent: w.percent, reachedAt: f && f.at <= now ? iso(f.at) : null, recordedAs: recorded(w.percent) };
    }),
    breach: { recordedAs: recorded(100) },
    targets: model.epochs.map((e) => ({ from: iso(e.from)!, priority: e.priority, targetMs: e.targetMs ?? null, causedBy: e.causedBy, recordedAs: t.recorded.get(retargetKey(model.clock, model.pins.baseline, e.causedBy))?.eventId ?? null })),
  };
}

/** A ticket's SLA status at `now`, computed purely from its folded events and the definitions. */
export function ticketSlaStatus(t: TicketSla, defs: SlaDefinitions, now: number): TicketSlaStatus {
  const models = clockModels(t, defs);
  const clocks = models.map((m) => clockStatus(t, m, now));
  const pins = models[0]?.pins;
  const resolution = clocks.find((c) => c.clock === 'resolution');
  return {
    ticketStream: t.ticketStream,
    process: t.process,
    service: t.service,
    state: t.state,
    lifecycle: t.machine,
    policy: pins?.policy ?? null,
    calendar: pins?.calendar ?? null,
    baseline: pins?.baseline ?? 0,
    rebaselines: t.rebaselines.map((r) => ({ baseline: r.baseline, at: iso(r.at)!, policy: r.policy, calendar: r.calendar, reason: r.reason, requestedBy: r.requestedBy })),
    clocks,
    slaDueAt: resolution?.dueAt ?? null,
    computedAt: iso(now)!,
  };
}

/**
 * For read models (a nullable `sla_due_at` column): the resolution clock's due instant in epoch
 * milliseconds while it runs, null when paused, stopped or without a policy.
 */
export function slaDueAt(t: TicketSla, defs: SlaDefinitions): number | null {
  const model = clockModels(t, defs).find((m) => m.clock === 'resolution');
  if (!model || model.segments[model.segments.length - 1].mode !== 'running') return null;
  const reached = reachInstant(model.cal, model.segments, model.epochs, 1, true);
  return reached === undefined ? null : Math.max(reached, model.pins.since);
}
