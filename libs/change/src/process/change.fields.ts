import type { FieldDictionary } from '@itil/tickets';

const NAME = { kind: 'text', maxLength: 200 } as const;
const TEXT = { kind: 'text', maxLength: 10_000, multiline: true } as const;
const CODE = { kind: 'text', maxLength: 100 } as const;
const OBJECT = { kind: 'object', maxProperties: 50 } as const;
/** Before authorisation the requester may still edit the plan and the window. */
const DRAFT = ['new', 'assessment'];

/**
 * The change's typed field dictionary (normal, standard and emergency share it). Fields no
 * command sets (`setBy: []`) are derived by the named policies in change.policies.ts and recorded
 * in the fact that derived them, with their previous values.
 */
export const changeFields: FieldDictionary = {
  title: { type: NAME, setBy: ['create', { by: 'update', states: DRAFT }], example: 'Upgrade the mail relay to 9.4', description: 'What changes (a standard change takes its template title when none is given)' },
  description: { type: TEXT, setBy: ['create', 'update'], description: 'Why, and what is affected' },
  changeType: { type: { kind: 'enum', values: ['standard', 'normal', 'emergency'] }, setBy: [], description: 'From the lifecycle the change runs on (policy changeKind)' },
  changeOwner: { type: { kind: 'user' }, setBy: ['create', 'update'], example: 'olga', description: 'Accountable for the change: may not approve it' },
  implementer: { type: { kind: 'user' }, setBy: ['create', 'update', 'START_IMPLEMENTATION'], example: 'raj', description: 'Who implements it: may not approve it' },
  service: { type: { kind: 'ref', to: 'service' }, setBy: ['create', { by: 'update', states: DRAFT }], example: 'email', description: 'Affected service (its owner approves high-risk changes; its freeze windows apply)' },
  configurationItems: {
    type: { kind: 'list', of: { kind: 'ref', to: 'ci' }, maxItems: 50 },
    setBy: ['create', { by: 'update', states: DRAFT }],
    example: ['mail-01'],
    description: 'Items the change touches (collision detection looks at these)',
  },
  plannedStart: { type: { kind: 'instant' }, setBy: ['create', { by: 'update', states: DRAFT }, 'SUBMIT', 'RESCHEDULE'], example: '2026-03-02T22:00:00Z', description: 'Start of the planned window' },
  plannedEnd: { type: { kind: 'instant' }, setBy: ['create', { by: 'update', states: DRAFT }, 'SUBMIT', 'RESCHEDULE'], example: '2026-03-02T23:00:00Z', description: 'End of the planned window (after its start)' },
  implementationPlan: { type: TEXT, setBy: ['create', { by: 'update', states: DRAFT }, 'SUBMIT'], example: 'Drain, upgrade, undrain', description: 'Steps to implement' },
  backoutPlan: { type: TEXT, setBy: ['create', { by: 'update', states: [...DRAFT, 'ecabReview', 'scheduled'] }, 'SUBMIT'], example: 'Reinstall 9.3 from the snapshot', description: 'How to undo it' },
  justification: { type: TEXT, setBy: ['create', 'SUBMIT'], example: 'Active exploit of CVE-2026-1234 on the relay', description: 'Emergency changes: why it cannot wait for the CAB' },
  templateId: { type: CODE, setBy: ['create'], example: 'patch-linux', description: 'Standard changes: the pre-authorised template it is raised from' },
  template: { type: OBJECT, setBy: [], description: 'The template version it was raised from ({id, version}), whose actor authorises it' },
  riskAnswers: { type: OBJECT, setBy: ['ASSESS', 'SUBMIT'], example: { outage: 'yes', tested: 'yes', users: 'few' }, description: "Answers to the risk questionnaire, by question id" },
  risk: { type: OBJECT, setBy: [], description: 'The questionnaire version, the score and the level computed from the answers (policy riskAssessment)' },
  riskLevel: { type: { kind: 'enum', values: ['low', 'medium', 'high'] }, setBy: [], description: 'low, medium or high: decides the approval rule' },
  impactAnalysis: { type: TEXT, setBy: ['ASSESS'], example: 'Mail delayed up to 10 minutes', description: 'Who and what is affected' },
  approvalPlan: { type: OBJECT, setBy: [], description: 'The approval rule version, its requirements at this risk level and the approvers as convened' },
  decisionBy: { type: { kind: 'user' }, setBy: [{ by: 'APPROVE', as: 'approver' }, { by: 'REJECT', as: 'approver' }, { by: 'REQUEST_REWORK', as: 'approver' }], example: 'ana', description: 'The approver deciding (must be who sends the command)' },
  decisionReason: { type: TEXT, setBy: [{ by: 'APPROVE', as: 'reason' }, { by: 'REJECT', as: 'reason' }, { by: 'REQUEST_REWORK', as: 'reason' }], example: 'Tested in staging', description: 'Why (required to reject)' },
  approvals: { type: { kind: 'list', of: OBJECT, maxItems: 100 }, setBy: [], description: 'Every decision: approver, decision, reason and the approving groups it counted for' },
  authorisation: { type: OBJECT, setBy: [], description: 'Which rule version the change met, at which level, when, and by whom (the board or a template)' },
  freezeJustification: { type: TEXT, setBy: ['SUBMIT', 'RESCHEDULE'], description: 'Emergency changes: why it proceeds inside a freeze window' },
  freezeOverride: { type: OBJECT, setBy: [], description: 'The freeze windows an emergency change proceeds in, with the calendar version and the justification' },
  collisions: {
    type: { kind: 'list', of: OBJECT, maxItems: 100 },
    setBy: ['update'],
    description: 'Other scheduled or implementing changes on the same items in an overlapping window (kept by policy change-collisions)',
  },
  outcome: {
    type: { kind: 'enum', values: ['successful', 'successfulWithIssues', 'failed', 'backedOut', 'backoutFailed'] },
    setBy: [],
    description: 'Pinned by the transition that ends implementation: feeds the change success rate (successfulWithIssues and backoutFailed from version 3)',
  },
  failureNotes: { type: TEXT, setBy: ['FAIL'], description: 'What went wrong' },
  implementationIssues: { type: TEXT, setBy: [{ by: 'COMPLETE_WITH_ISSUES', as: 'issues' }], example: 'Queue drained 20 minutes late', description: 'Successful with issues: what went wrong though the change met its objectives' },
  backoutReason: { type: TEXT, setBy: [{ by: 'BACK_OUT', as: 'reason' }], description: 'Why it is backed out' },
  backoutFailureNotes: { type: TEXT, setBy: [{ by: 'BACKOUT_FAILED', as: 'notes' }], example: 'Snapshot restore failed; relay left on 9.4', description: 'Backout failed: what failed while undoing the change, and the state it was left in' },
  tasks: { type: { kind: 'list', of: OBJECT, maxItems: 200 }, setBy: [], description: 'Change tasks (id, title, assignee, open or done, who added and completed each): implementation completes only when none is open (policy changeTasks)' },
  taskTitle: { type: NAME, setBy: [{ by: 'ADD_TASK', as: 'title' }], example: 'Notify the mail users', description: 'The task being added' },
  taskAssignee: { type: { kind: 'user' }, setBy: [{ by: 'ADD_TASK', as: 'assignee' }], example: 'raj', description: 'Who does the task being added' },
  taskId: { type: CODE, setBy: ['COMPLETE_TASK'], example: 't1', description: 'The task being completed (t1, t2, ...)' },
  taskNotes: { type: TEXT, setBy: [{ by: 'COMPLETE_TASK', as: 'notes' }], description: 'How the task was done' },
  reworkReason: { type: TEXT, setBy: [], description: 'Why an approver sent it back for rework (the reason of that decision)' },
  expeditedReason: {
    type: TEXT,
    setBy: [{ by: 'START_IMPLEMENTATION', states: ['ecabReview'] }],
    example: 'Relay is being exploited now; the ECAB cannot meet within the hour',
    description: 'Emergency changes: why implementation starts before the ECAB authorises (authorised retrospectively)',
  },
  templateReviewRequested: {
    type: OBJECT,
    setBy: [],
    description: 'Standard changes: the template version to review because this change did not succeed, with the outcome and why (policy templateReview)',
  },
  reviewNotes: { type: TEXT, setBy: ['CLOSE', 'update'], description: 'Post-implementation review' },
  rejectionReason: { type: TEXT, setBy: [], description: 'The reason of the rejecting vote' },
  cancellationReason: { type: TEXT, setBy: [{ by: 'CANCEL', as: 'reason' }], description: 'Why it was withdrawn' },
  release: { type: { kind: 'text', maxLength: 100 }, setBy: ['update'], description: 'The release bundling it, one at a time (kept by policy release-membership)' },
  problems: { type: { kind: 'list', of: { kind: 'text', maxLength: 100 }, maxItems: 100 }, setBy: ['update'], description: 'Problems resolved through this change (kept by policy problem-change-link)' },
  causedIncidents: { type: { kind: 'list', of: CODE, maxItems: 500 }, setBy: ['update'], description: 'Incidents marked as caused by this change (kept by policy incident-caused-by-change)' },
};

/** Fields only a cross-process policy (actor `policy:<name>`) may update. */
export const POLICY_KEPT_FIELDS = ['collisions', 'causedIncidents', 'release', 'problems'];
