import { fieldOf, isFilled, type GuardRegistry } from '@itil/workflow';

/** Named guards the incident lifecycle (state-machines/incident.json) refers to. */
export const incidentGuards: GuardRegistry = {
  hasAssignmentGroup: (input) => isFilled(fieldOf(input, 'assignmentGroup')),
  /** An assignee is required to start work. */
  hasAssignee: (input) => isFilled(fieldOf(input, 'assignee')),
  /** Resolution code and notes are both required to resolve (they feed problem management). */
  hasResolution: ({ event }) => isFilled(event.resolutionCode) && isFilled(event.resolutionNotes),
  isPendingOnCaller: ({ event }) => event.reason === 'awaiting_caller',
  isPendingOnVendor: ({ event }) => event.reason === 'awaiting_vendor',
  /** Waiting for a change to be implemented (the fix is scheduled through change management). */
  isPendingOnChange: ({ event }) => event.reason === 'awaiting_change',
  /** Waiting for problem management (a root cause or a workaround). */
  isPendingOnProblem: ({ event }) => event.reason === 'awaiting_problem',
  hasReopenReason: ({ event }) => isFilled(event.reason),
  /** Reopening into work needs someone to work on it (inProgress requires an assignee). */
  hasReopenReasonAndAssignee: (input) => isFilled(input.event.reason) && isFilled(fieldOf(input, 'assignee')),
  /** Reopening into a group queue needs a group (resolved at first contact has none). */
  hasReopenReasonAndGroup: (input) => isFilled(input.event.reason) && isFilled(fieldOf(input, 'assignmentGroup')),
  hasCancellationReason: ({ event }) => isFilled(event.reason),
};
