/**
 * Actions (lifecycle hooks: `entry`, `exit`, a transition's `actions`) several processes'
 * lifecycles name, each with what it is for. The engine never runs them while deciding or
 * replaying; automation rules and notifications subscribe to them. Each process's own catalog
 * includes these, like `commonGuards`.
 */
export const commonActions: Readonly<Record<string, string>> = {
  notifyCaller: 'Tell the caller or requester about the change of state',
  notifyChangeManager: 'Tell the change manager',
  scheduleAutoClose: 'Start the auto-close timer of a resolved ticket',
  cancelAutoClose: 'Stop the auto-close timer',
};
