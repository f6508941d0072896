import { commonGuards } from '@itil/tickets';
import { hasFields, isFilled, mergeGuards, type GuardRegistry } from '@itil/workflow';

/** Every guard the service request lifecycles (state-machines/service-request.json and its versions) may name. */
export const serviceRequestGuards: GuardRegistry = mergeGuards(commonGuards, {
  /** The catalog item says whether the request needs an approval (e.g. cost above a threshold). */
  requiresApproval: ({ event, context }) => (event.approvalRequired ?? context.approvalRequired) === true,
  isPreApproved: ({ event, context }) => (event.approvalRequired ?? context.approvalRequired) === false,
  hasApprover: hasFields('approver'),
  /** Fulfilled when every fulfilment task is done and the notes say what was delivered. */
  allTasksDone: ({ event, context }) => Number(event.openTasks ?? context.openTasks ?? 0) === 0 && isFilled(event.fulfilmentNotes ?? context.fulfilmentNotes),
});
