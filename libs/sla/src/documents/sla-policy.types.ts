/**
 * An SLA policy as data: which tickets it covers (process, optionally one service), the business
 * calendar its clocks run on (by name: the version live when a clock starts is pinned), response
 * and resolution targets per priority in business minutes, warning thresholds and what each
 * threshold and the breach do. Nothing in it is code.
 */
export type SlaClockKind = 'response' | 'resolution';
export const CLOCK_KINDS: readonly SlaClockKind[] = ['response', 'resolution'];

export interface PriorityTargets {
  /** Business minutes from opening to the first response (leaving the `new` category). */
  responseMinutes?: number;
  /** Business minutes from opening to resolution (a state whose `sla` meta is `stopped`). */
  resolutionMinutes?: number;
}

/** Escalation is configuration: each step becomes an event whose actor is the policy. */
export type EscalationAction =
  | { type: 'notify'; recipients: string[] }
  | { type: 'raisePriority'; levels: number }
  | { type: 'reassign'; group: string };
export const ESCALATION_TYPES = ['notify', 'raisePriority', 'reassign'] as const;

export interface WarningThreshold {
  /** Percent of the target, above 0 and below 100 (100 is the breach). */
  percent: number;
  actions: EscalationAction[];
}

export interface SlaPolicy {
  process: string;
  service?: string;
  calendar: string;
  /** Keyed by priority "1" (highest) to "5". A priority without targets has no clock. */
  targets: Record<string, PriorityTargets>;
  warnings: WarningThreshold[];
  breach: { actions: EscalationAction[] };
  /** `retarget` (default): a priority change replaces the target, elapsed time kept. `keep`: the opening priority's target stays. */
  onPriorityChange?: 'retarget' | 'keep';
}

export const PRIORITIES = ['1', '2', '3', '4', '5'];

/** Target of a clock for a priority, in milliseconds, or undefined when the policy sets none. */
export function targetMs(policy: SlaPolicy, priority: number | null, clock: SlaClockKind): number | undefined {
  if (priority === null) return undefined;
  const t = policy.targets[String(priority)];
  const minutes = clock === 'response' ? t?.responseMinutes : t?.resolutionMinutes;
  return minutes === undefined ? undefined : minutes * 60_000;
}
