import { commonActions } from '@itil/tickets';

/** Every action the problem lifecycles may name (hooks; see commonActions), with what it is for. */
export const problemActions: Readonly<Record<string, string>> = {
  ...commonActions,
  notifyProblemManager: 'Tell the problem manager',
  publishKnownError: 'Publish the known error record to the known error database',
};
