import { isFilled, type GuardRegistry } from '@itil/workflow';
import { has } from './common.guards';

/** Guards of state-machines/service-request.json. */
export const serviceRequestGuards: GuardRegistry = {
  /** The catalog item says whether the request needs an approval (e.g. cost above a threshold). */
  requiresApproval: ({ event, context }) => (event.approvalRequired ?? context.approvalRequired) === true,
  isPreApproved: ({ event, context }) => (event.approvalRequired ?? context.approvalRequired) === false,
  hasApprover: has('approver'),
  /** Fulfilled when every fulfilment task is done and the notes say what was delivered. */
  allTasksDone: ({ event, context }) => Number(event.openTasks ?? context.openTasks ?? 0) === 0 && isFilled(event.fulfilmentNotes ?? context.fulfilmentNotes),
};
