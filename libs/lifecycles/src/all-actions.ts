/**
 * Actions a lifecycle may name (`entry`, `exit`, or a transition's `actions`). The engine never
 * runs them while deciding or replaying (evaluation is pure); they are hooks that automation
 * rules and notifications subscribe to. An unknown name is a validation error.
 */
export const ALL_ACTIONS: Readonly<Record<string, string>> = {
  notifyAssignmentGroup: 'Tell the assignment group a ticket entered its queue',
  notifyCaller: 'Tell the caller or requester about the change of state',
  notifyProblemManager: 'Tell the problem manager',
  publishKnownError: 'Publish the known error record to the known error database',
  notifyCab: 'Put the change on the CAB agenda and notify its members',
  notifyEcab: 'Convene the emergency CAB',
  notifyChangeManager: 'Tell the change manager',
  scheduleAutoClose: 'Start the auto-close timer of a resolved ticket',
  cancelAutoClose: 'Stop the auto-close timer',
  requestApproval: 'Send the approval request to the approvers',
  createFulfilmentTasks: 'Create the fulfilment tasks of the catalog item',
};
export const ALL_ACTION_NAMES: readonly string[] = Object.keys(ALL_ACTIONS);
