import type { FieldDictionary } from '@itil/tickets';

const NAME = { kind: 'text', maxLength: 200 } as const;
const TEXT = { kind: 'text', maxLength: 10_000, multiline: true } as const;
const CODE = { kind: 'text', maxLength: 200 } as const;
const PLANNING = ['planning', 'building', 'testing'];

/** The release's typed field dictionary: a release bundles changes and is deployed in a window. */
export const releaseFields: FieldDictionary = {
  title: { type: NAME, setBy: ['create', 'update'], requiredOnOpen: true, example: 'Mail platform 9.4', description: 'What is released' },
  description: { type: TEXT, setBy: ['create', 'update'], description: 'Scope and notes' },
  releaseManager: { type: { kind: 'user' }, setBy: ['create', 'update'], example: 'mo', description: 'Accountable for the release' },
  changeIds: {
    type: { kind: 'list', of: { kind: 'ref', to: 'ticket', process: 'change' }, maxItems: 100 },
    setBy: ['create', { by: 'update', states: PLANNING }],
    description: 'The changes it bundles: each must be authorised before the release deploys',
  },
  buildArtifact: { type: CODE, setBy: ['BUILD_COMPLETE'], example: 'mail-9.4.0.tar.gz', description: 'What was built' },
  testReport: { type: TEXT, setBy: ['TESTS_PASSED', 'TESTS_FAILED'], description: 'Test results' },
  goDecisionBy: {
    type: { kind: 'user' },
    setBy: [{ by: 'GO', as: 'decidedBy' }, { by: 'NO_GO', as: 'decidedBy' }],
    example: 'mo',
    description: 'Who gave the go (or, from version 3, the no-go) for deployment: must be who sends it',
  },
  noGoReason: { type: TEXT, setBy: [{ by: 'NO_GO', as: 'reason' }], example: 'Load test failed at 80% of peak', description: 'Why the release may not deploy yet (version 3)' },
  deploymentWindowStart: { type: { kind: 'instant' }, setBy: ['create', 'update', 'DEPLOY'], example: '2026-03-10T22:00:00Z', description: 'Deployment window start' },
  deploymentWindowEnd: { type: { kind: 'instant' }, setBy: ['create', 'update', 'DEPLOY'], example: '2026-03-10T23:00:00Z', description: 'Deployment window end' },
  outcome: { type: { kind: 'enum', values: ['successful', 'failed', 'rolledBack'] }, setBy: [], description: 'Pinned by the transition that ends the deployment' },
  failedChanges: { type: { kind: 'list', of: { kind: 'text', maxLength: 100 }, maxItems: 100 }, setBy: ['update'], description: 'Its changes closed failed or backed out (kept by a policy)' },
  reviewNotes: { type: TEXT, setBy: ['CLOSE', 'update'], description: 'Post-deployment review' },
  cancellationReason: { type: TEXT, setBy: [{ by: 'CANCEL', as: 'reason' }], description: 'Why it was cancelled' },
};
