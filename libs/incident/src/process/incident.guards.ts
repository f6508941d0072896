import { commonGuards } from '@itil/tickets';
import { fieldOf, isFilled, mergeGuards, type GuardRegistry } from '@itil/workflow';

/** Every guard the incident lifecycles (state-machines/incident.json and its versions) may name. */
export const incidentGuards: GuardRegistry = mergeGuards(commonGuards, {
  /** An assignee is required to start work. */
  hasAssignee: (input) => isFilled(fieldOf(input, 'assignee')),
  isPendingOnCaller: ({ event }) => event.reason === 'awaiting_caller',
  isPendingOnVendor: ({ event }) => event.reason === 'awaiting_vendor',
  /** Waiting for a change to be implemented (the fix is scheduled through change management). */
  isPendingOnChange: ({ event }) => event.reason === 'awaiting_change',
  /** Waiting for problem management (a root cause or a workaround). */
  isPendingOnProblem: ({ event }) => event.reason === 'awaiting_problem',
  /** Reopening into work needs someone to work on it (inProgress requires an assignee). */
  hasReopenReasonAndAssignee: (input) => isFilled(input.event.reason) && isFilled(fieldOf(input, 'assignee')),
  /** Reopening into a group queue needs a group (resolved at first contact has none). */
  hasReopenReasonAndGroup: (input) => isFilled(input.event.reason) && isFilled(fieldOf(input, 'assignmentGroup')),
});
