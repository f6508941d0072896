import { derivedId, type DomainEvent } from '@itil/engine';
import type { EscalationAction, SlaClockKind } from '../documents/sla-policy.types';
import type { VersionRef } from '../definitions/sla-definitions';

/**
 * SLA facts about one ticket, on the stream `sla-<ticket stream>`. Why a stream of their own and
 * not the ticket's: the ticket stream belongs to the ticket's decider (its expected revisions, its
 * hash chain, its lifecycle pin); a scheduler appending there would race agents' commands and make
 * them retry. Here the scheduler's appends compete only with other schedulers, and the ticket's
 * events stay what people did. Every figure can still be reproduced: the ticket stream gives the
 * clock's running and paused periods, this stream the re-baselines and what was recorded.
 */
export const SLA_STREAM_PREFIX = 'sla-';
export const slaStreamOf = (ticketStream: string): string => `${SLA_STREAM_PREFIX}${ticketStream}`;

type ClockFact = {
  ticketStream: string;
  clock: SlaClockKind;
  /** 0 for the versions pinned at opening; n after the n-th re-baseline. */
  baseline: number;
  policy: VersionRef;
  calendar: VersionRef;
  targetMs: number;
};

export type SlaWarningReached = DomainEvent<'SlaWarningReached', ClockFact & { percent: number; reachedAt: string }>;
export type SlaBreached = DomainEvent<'SlaBreached', ClockFact & { breachedAt: string }>;
/** One configured escalation step taken on a warning or the breach; its actor is the policy. */
export type SlaEscalationTriggered = DomainEvent<
  'SlaEscalationTriggered',
  { ticketStream: string; clock: SlaClockKind; baseline: number; trigger: 'warning' | 'breach'; percent: number; step: number; action: EscalationAction; policy: VersionRef }
>;
/** A priority change replaced a clock's target as its policy says (`onPriorityChange: retarget`); caused by that change. */
export type SlaClockRetargeted = DomainEvent<
  'SlaClockRetargeted',
  { ticketStream: string; clock: SlaClockKind; baseline: number; fromPriority: number | null; toPriority: number | null; fromTargetMs: number | null; toTargetMs: number | null; retargetedAt: string; causedBy: string; policy: VersionRef }
>;
/** Running clocks take the versions live now, on purpose: recorded, with who asked and why. */
export type SlaClockRebaselined = DomainEvent<
  'SlaClockRebaselined',
  { ticketStream: string; baseline: number; policy: VersionRef; calendar: VersionRef; previous: { policy: VersionRef; calendar: VersionRef } | null; reason: string; requestedBy: string; rebaselinedAt: string }
>;

export type SlaClockEvent = SlaWarningReached | SlaBreached | SlaEscalationTriggered | SlaClockRetargeted | SlaClockRebaselined;
export const SLA_CLOCK_EVENT_TYPES = ['SlaWarningReached', 'SlaBreached', 'SlaEscalationTriggered', 'SlaClockRetargeted', 'SlaClockRebaselined'];

/** The key of a threshold fact: each is recorded at most once per clock and baseline (100 = breach). */
export const factKey = (clock: SlaClockKind, baseline: number, percent: number): string => `${clock}/b${baseline}/${percent}`;

/** The key of a retarget: one per clock, baseline and priority change. */
export const retargetKey = (clock: SlaClockKind, baseline: number, causedBy: string): string => `${clock}/b${baseline}/retarget/${causedBy}`;

/** Deterministic ids: every scheduler derives the same id for the same fact, so it is stored once. */
export const factEventId = (ticketStream: string, key: string): string => derivedId(`sla:${ticketStream}:${key}`);
export const escalationEventId = (ticketStream: string, key: string, step: number): string => derivedId(`sla:${ticketStream}:${key}:step-${step}`);

export const policyActor = (policy: VersionRef): string => `policy:${policy.name}@${policy.version}`;
