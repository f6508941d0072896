import type { ProcessDefinition } from '@itil/tickets';
import { problemFields } from './problem.fields';
import { problemPolicies } from './problem.policies';

/**
 * Problem management as configuration of the ticket engine: its lifecycle
 * (state-machines/problem.json, versions/problem/*), its field dictionary and its policies.
 */
export const problemProcess: ProcessDefinition = {
  process: 'problem',
  resource: 'problems',
  eventPrefix: 'Problem',
  opened: 'ProblemLogged',
  lifecycles: ['problem'],
  fields: problemFields,
  policies: problemPolicies,
  // Version 1 was published before transitions named their facts.
  legacyRecords: {
    ACCEPT: 'ProblemAccepted',
    REJECT: 'ProblemRejected',
    RECORD_WORKAROUND: 'ProblemWorkaroundRecorded',
    IDENTIFY_ROOT_CAUSE: 'ProblemRootCauseIdentified',
    PEND: 'ProblemPended',
    RESUME: 'ProblemResumed',
    CANCEL: 'ProblemCancelled',
    RAISE_CHANGE: 'ProblemChangeRaised',
    RESOLVE: 'ProblemResolved',
    DEFER: 'ProblemDeferred',
    CHANGE_IMPLEMENTED: 'ProblemResolvedByChange',
    CHANGE_FAILED: 'ProblemChangeFailed',
    REVISIT: 'ProblemRevisited',
    CLOSE: 'ProblemClosed',
    REOPEN: 'ProblemReopened',
  },
};
