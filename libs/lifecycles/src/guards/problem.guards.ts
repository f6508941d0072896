import { isFilled, type GuardRegistry } from '@itil/workflow';
import { has } from './common.guards';

/** Guards of state-machines/problem.json. */
export const problemGuards: GuardRegistry = {
  /** Investigation needs an owner accountable for it. */
  hasProblemOwner: has('problemOwner'),
  /** A known error records the root cause found by the analysis (RCA). */
  hasRootCause: has('rootCause'),
  hasWorkaround: has('workaround'),
  /** Resolution through change management: the fixing change is linked. */
  hasLinkedChange: has('changeId'),
  /** Deferring (accepting the risk) needs a reason and someone who accepted it. */
  hasRiskAcceptance: ({ event, context }) => isFilled(event.reason) && isFilled(event.acceptedBy ?? context.acceptedBy),
};
