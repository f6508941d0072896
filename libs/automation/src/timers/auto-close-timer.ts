import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';

/**
 * The durable timer of an auto-close rule: one stream per ticket, `auto-close-<ticket stream>`.
 * Scheduling it is a fact (the rule's actor, causation the resolution), so a timer survives any
 * restart; so is its end (the ticket reopened or was closed, causation that move). The timers
 * component (auto-close-timers.ts) rebuilds the pending ones from these streams and fires them.
 * The data carry no `from`/`to`/`via` or `lifecycle`/`state`/`fields`: generic ticket readers,
 * which classify by shape, never take them for ticket facts.
 */
export const TIMER_STREAM_PREFIX = 'auto-close-';
export const timerStream = (ticketStream: string): string => `${TIMER_STREAM_PREFIX}${ticketStream}`;

export interface AutoCloseScheduledData extends JsonObject {
  ticketStream: string;
  /** The resolution that started the timer. */
  trigger: string;
  rule: { id: string; version: number };
  resolvedAt: string;
  businessMinutes: number;
  dueAt: string;
}

export interface AutoCloseEndedData extends JsonObject {
  ticketStream: string;
  trigger: string;
  /** The ticket's move that ended it (a reopen, a close by a person, or the rule's own close). */
  endedBy: string;
  endedVia: string;
}

export type AutoCloseTimerEvent =
  | DomainEvent<'AutoCloseScheduled', AutoCloseScheduledData>
  /** Reopened (or closed by someone) before the delay ran out: the rule will not close it. */
  | DomainEvent<'AutoCloseCancelled', AutoCloseEndedData>
  /** The rule closed the ticket. */
  | DomainEvent<'AutoCloseCompleted', AutoCloseEndedData>;

export type ScheduleAutoClose = Command<'ScheduleAutoClose', AutoCloseScheduledData>;
export type EndAutoClose = Command<'EndAutoClose', AutoCloseEndedData & { completed: boolean }>;
export type AutoCloseTimerCommand = ScheduleAutoClose | EndAutoClose;

export interface AutoCloseTimer {
  pending: AutoCloseScheduledData | null;
}

function decide(c: AutoCloseTimerCommand, s: AutoCloseTimer): AutoCloseTimerEvent[] {
  if (c.type === 'ScheduleAutoClose') return s.pending?.trigger === c.data.trigger ? [] : [{ type: 'AutoCloseScheduled', data: c.data }];
  // Only the timer of the resolution this move ends: a late replay never ends a newer timer.
  if (s.pending?.trigger !== c.data.trigger) return [];
  const data: AutoCloseEndedData = { ticketStream: c.data.ticketStream, trigger: c.data.trigger, endedBy: c.data.endedBy, endedVia: c.data.endedVia };
  return [{ type: c.data.completed ? 'AutoCloseCompleted' : 'AutoCloseCancelled', data }];
}

export const evolveTimer = (s: AutoCloseTimer, e: AutoCloseTimerEvent): AutoCloseTimer => (e.type === 'AutoCloseScheduled' ? { pending: e.data } : { pending: null });

export const autoCloseTimerDecider: Decider<AutoCloseTimerCommand, AutoCloseTimerEvent, AutoCloseTimer> = {
  initialState: () => ({ pending: null }),
  evolve: evolveTimer,
  knows: knowsTypes<AutoCloseTimerEvent>(['AutoCloseScheduled', 'AutoCloseCancelled', 'AutoCloseCompleted']),
  decide,
};
