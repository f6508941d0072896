import { commonGuards } from '@itil/tickets';
import { hasFields, isFilled, mergeGuards, type GuardRegistry } from '@itil/workflow';

/** Every guard the problem lifecycles (state-machines/problem.json and its versions) may name. */
export const problemGuards: GuardRegistry = mergeGuards(commonGuards, {
  /** Investigation needs an owner accountable for it. */
  hasProblemOwner: hasFields('problemOwner'),
  /** A known error records the root cause found by the analysis (RCA). */
  hasRootCause: hasFields('rootCause'),
  hasWorkaround: hasFields('workaround'),
  /** Resolution through change management: the fixing change is linked. */
  hasLinkedChange: hasFields('changeId'),
  /** Deferring (accepting the risk) needs a reason and someone who accepted it. */
  hasRiskAcceptance: ({ event, context }) => isFilled(event.reason) && isFilled(event.acceptedBy ?? context.acceptedBy),
});
