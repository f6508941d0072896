import type { FieldDictionary } from '@itil/tickets';

const NAME = { kind: 'text', maxLength: 200 } as const;
const TEXT = { kind: 'text', maxLength: 10_000, multiline: true } as const;
const CODE = { kind: 'text', maxLength: 100 } as const;
/** While the problem is still being investigated (root-cause notes, owner, scope). */
const OPEN = ['new', 'underInvestigation', 'awaitingVendor', 'knownError', 'awaitingVendorFix', 'awaitingChange'];

/**
 * The problem's typed field dictionary. Names of version 1 (state-machines/problem.json) are kept,
 * so tickets pinned to it read the same; version 2 adds what item 9 asks for.
 */
export const problemFields: FieldDictionary = {
  title: { type: NAME, setBy: ['create', 'update'], requiredOnOpen: true, example: 'Mail relay drops connections under load', description: 'Short statement of the problem' },
  description: { type: TEXT, setBy: ['create', 'update'], description: 'Symptoms and scope' },
  incidentIds: {
    type: { kind: 'list', of: { kind: 'ref', to: 'ticket', process: 'incident' }, maxItems: 200 },
    setBy: ['create'],
    description: 'The incidents this problem was raised from (none: proactive problem management). Later ones are linked (kind affects).',
  },
  service: { type: { kind: 'ref', to: 'service' }, setBy: ['create', 'update'], example: 'email', description: 'Affected service' },
  configurationItem: { type: { kind: 'ref', to: 'ci' }, setBy: ['create', 'update'], example: 'mail-01', description: 'Suspected configuration item' },
  category: { type: CODE, setBy: ['create', 'update'], description: 'Categorisation' },
  assignmentGroup: { type: { kind: 'group' }, setBy: ['create', 'update'], example: 'messaging', description: 'Group investigating' },
  assignee: { type: { kind: 'user', memberOf: 'assignmentGroup' }, setBy: [{ by: 'update', states: OPEN }], example: 'raj', description: 'Analyst: a member of the group' },
  problemOwner: { type: { kind: 'user' }, setBy: ['ACCEPT', 'update'], example: 'pat', description: 'Accountable for the investigation' },
  rootCauseAnalysis: { type: TEXT, setBy: [{ by: 'update', states: OPEN }], description: 'Root-cause analysis notes (the working record; comments hold the discussion)' },
  pendingReason: { type: TEXT, setBy: [{ by: 'PEND', as: 'reason' }], description: 'What the investigation waits for' },
  workaround: { type: TEXT, setBy: ['RECORD_WORKAROUND', 'IDENTIFY_ROOT_CAUSE'], example: 'Send large attachments through the file share', description: 'How to restore service until the fix: published with the known error' },
  rootCause: { type: TEXT, setBy: ['IDENTIFY_ROOT_CAUSE'], example: 'Connection pool of the relay is capped at 50', description: 'The root cause found by the analysis' },
  knownErrorPublishedAt: { type: { kind: 'instant' }, setBy: [], description: 'When the known error record was published (policy knownErrorRecord)' },
  vendorReference: { type: CODE, setBy: ['AWAIT_VENDOR_FIX'], example: 'VENDOR-4471', description: "The supplier's case for the fix" },
  changeId: { type: CODE, setBy: ['RAISE_CHANGE'], example: 'CHG-1042', description: 'The change that removes the root cause (also linked with kind resolved-by-change)' },
  acceptedBy: { type: { kind: 'user' }, setBy: ['DEFER', 'ACCEPT_RISK'], example: 'olga', description: 'Who accepted the risk of not fixing it' },
  riskAcceptance: { type: TEXT, setBy: [{ by: 'ACCEPT_RISK', as: 'reason' }], description: 'Why the risk is accepted' },
  closureCode: { type: { kind: 'enum', values: ['resolved', 'no-root-cause', 'risk-accepted'] }, setBy: [], description: 'How the problem ended (pinned by the closing transition)' },
  closureNotes: { type: TEXT, setBy: ['CLOSE_WITHOUT_ROOT_CAUSE', 'CLOSE'], description: 'What the closing found' },
  resolutionCode: { type: CODE, setBy: ['RESOLVE', 'CHANGE_IMPLEMENTED', 'VENDOR_FIX_APPLIED'], example: 'config-fix', description: 'How the problem was resolved' },
  resolutionNotes: { type: TEXT, setBy: ['RESOLVE', 'CHANGE_IMPLEMENTED', 'VENDOR_FIX_APPLIED'], example: 'Pool raised to 500', description: 'What was done; linked open incidents are offered for resolution' },
  duplicateOf: { type: { kind: 'ref', to: 'ticket', process: 'problem' }, setBy: ['MARK_DUPLICATE'], description: 'The problem this one duplicates' },
  rejectionReason: { type: TEXT, setBy: [{ by: 'REJECT', as: 'reason' }], description: 'Why it is not a problem' },
  reopenReason: { type: TEXT, setBy: [{ by: 'REOPEN', as: 'reason' }], description: 'Why it was reopened (the incidents recur)' },
  cancellationReason: { type: TEXT, setBy: [{ by: 'CANCEL', as: 'reason' }], description: 'Why it was withdrawn' },
};
