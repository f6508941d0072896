import { incidentGuards } from '@itil/incident';
import { fieldOf, isFilled, type GuardInput, type GuardRegistry } from '@itil/workflow';

/** `field` is filled on the command or already on the ticket. */
export const has =
  (...fields: string[]) =>
  (input: GuardInput): boolean =>
    fields.every((field) => isFilled(fieldOf(input, field)));

export const OUTCOMES = ['successful', 'failed', 'backedOut'] as const;

/**
 * Guards several processes share. The generic reason and resolution checks are the incident's
 * own functions, so one name means one rule everywhere.
 */
export const commonGuards: GuardRegistry = {
  hasResolution: incidentGuards.hasResolution,
  hasReopenReason: incidentGuards.hasReopenReason,
  hasCancellationReason: incidentGuards.hasCancellationReason,
  hasAssignmentGroup: incidentGuards.hasAssignmentGroup,
  hasRejectionReason: ({ event }) => isFilled(event.reason),
  hasReason: ({ event }) => isFilled(event.reason),
  /** A planned window: start before end (ISO instants). */
  hasPlannedWindow: (input) => {
    const start = fieldOf(input, 'plannedStart');
    const end = fieldOf(input, 'plannedEnd');
    return typeof start === 'string' && typeof end === 'string' && Date.parse(start) < Date.parse(end);
  },
  hasImplementer: has('implementer'),
  /** Post-implementation review: what happened and what was learnt. */
  hasReviewNotes: has('reviewNotes'),
  isSuccessfulOutcome: ({ event }) => event.outcome === 'successful',
  isFailedOutcome: ({ event }) => event.outcome === 'failed',
  hasBackoutReason: ({ event }) => isFilled(event.reason),
  hasPendingReason: ({ event }) => isFilled(event.reason),
};
