import { fieldOf, hasFields, isFilled, type GuardRegistry } from '@itil/workflow';

/**
 * Guards several processes' lifecycles name, each over a field those processes use the same way
 * (a reason for the move, a resolution, an assignment group, an implementation's outcome). They
 * live here, below the processes, so one name means one rule everywhere: every process's own
 * registry includes them, and merging two such registries finds the same function, not a clash.
 */
export const commonGuards: GuardRegistry = {
  hasAssignmentGroup: (input) => isFilled(fieldOf(input, 'assignmentGroup')),
  /** Resolution code and notes are both required to resolve (they feed problem management). */
  hasResolution: ({ event }) => isFilled(event.resolutionCode) && isFilled(event.resolutionNotes),
  hasReopenReason: ({ event }) => isFilled(event.reason),
  hasCancellationReason: ({ event }) => isFilled(event.reason),
  hasRejectionReason: ({ event }) => isFilled(event.reason),
  hasReason: ({ event }) => isFilled(event.reason),
  hasPendingReason: ({ event }) => isFilled(event.reason),
  /** Change and release: a backout says why. */
  hasBackoutReason: ({ event }) => isFilled(event.reason),
  /** Change and release, post-implementation review: what happened and what was learnt. */
  hasReviewNotes: hasFields('reviewNotes'),
  isSuccessfulOutcome: ({ event }) => event.outcome === 'successful',
  isFailedOutcome: ({ event }) => event.outcome === 'failed',
};
