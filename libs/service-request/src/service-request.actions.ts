import { commonActions } from '@itil/tickets';

/** Every action the service request lifecycles may name (hooks; see commonActions), with what it is for. */
export const serviceRequestActions: Readonly<Record<string, string>> = {
  ...commonActions,
  requestApproval: 'Send the approval request to the approvers',
  createFulfilmentTasks: 'Create the fulfilment tasks of the catalog item',
};
