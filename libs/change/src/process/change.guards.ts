import type { GuardRegistry } from '@itil/workflow';
import { completesApproval } from './approval-plan';

/**
 * Guards of the change lifecycles' versions 2+. They see the ticket's fields (`context`) and the
 * command as sent (`event`): the approval plan recorded at assessment is enough to know whether
 * a vote completes the rule, so the lifecycle itself routes the completing vote to `scheduled`.
 */
export const changeRuleGuards: GuardRegistry = {
  completesApprovalRule: ({ context, event }) => completesApproval(context, event.approver, event.reason),
};
