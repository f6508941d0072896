import { isFilled, type GuardRegistry } from '@itil/workflow';
import { completesApproval } from './approval-plan';
import { isOutsideWindow } from './authorised-window';
import { openTasks } from './change-tasks';

/**
 * Guards of the change lifecycles' versions 2+. They see the ticket's fields (`context`) and the
 * command as sent (`event`): the approval plan recorded at assessment is enough to know whether
 * a vote completes the rule, so the lifecycle itself routes the completing vote to `scheduled`.
 */
export const changeRuleGuards: GuardRegistry = {
  completesApprovalRule: ({ context, event }) => completesApproval(context, event.approver, event.reason),
  /** Version 3: RESCHEDULE outside the window the change was authorised for goes back for authorisation. */
  isOutsideAuthorisedWindow: ({ context, event }) => isOutsideWindow(context.authorisation, { start: event.plannedStart ?? context.plannedStart, end: event.plannedEnd ?? context.plannedEnd }),
  /** Version 3: implementation completes only when every change task is done. */
  hasNoOpenChangeTasks: ({ context }) => openTasks(context.tasks).length === 0,
  /** Version 3 (emergency): closes only once the change authority decided, before implementation or retrospectively. */
  hasAuthorityDecision: ({ context }) => isFilled(context.authorisation) || isFilled(context.rejectionReason),
};
