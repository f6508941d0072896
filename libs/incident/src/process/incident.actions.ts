import { commonActions } from '@itil/tickets';

/** Every action the incident lifecycles may name (hooks; see commonActions), with what it is for. */
export const incidentActions: Readonly<Record<string, string>> = {
  ...commonActions,
  notifyAssignmentGroup: 'Tell the assignment group a ticket entered its queue',
};
