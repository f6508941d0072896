import { commonActions } from '@itil/tickets';

/** Every action the change lifecycles may name (hooks; see commonActions), with what it is for. */
export const changeActions: Readonly<Record<string, string>> = {
  ...commonActions,
  notifyCab: 'Put the change on the CAB agenda and notify its members',
  notifyEcab: 'Convene the emergency CAB',
};
