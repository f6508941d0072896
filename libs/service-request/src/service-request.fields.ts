import type { FieldDictionary } from '@itil/tickets';

const TEXT = { kind: 'text', maxLength: 10_000, multiline: true } as const;
const TASK = { kind: 'text', maxLength: 200 } as const;

/**
 * The service request's typed field dictionary. What the catalog item decides (approvers,
 * tasks, fulfilment group, form version) is derived when the request is raised (policy
 * catalogRequest) and recorded in the opening fact, so later edits of the item never change a
 * request in flight.
 */
export const serviceRequestFields: FieldDictionary = {
  catalogItem: { type: { kind: 'ref', to: 'catalog-item' }, setBy: ['create'], requiredOnOpen: true, example: 'laptop', description: 'The service catalog item requested' },
  requestedFor: { type: { kind: 'user' }, setBy: ['create'], requiredOnOpen: true, example: 'ana', description: 'Who receives it' },
  requestedBy: { type: { kind: 'user' }, setBy: ['create'], example: 'ana', description: 'Who asked' },
  title: { type: { kind: 'text', maxLength: 200 }, setBy: ['create', 'update'], description: "Short summary (defaults to the item's name)" },
  form: { type: { kind: 'object', maxProperties: 100 }, setBy: ['create'], example: { model: '13-inch' }, description: "The item's form, filled in: checked against the form the item defines (types, required fields, references)" },
  formVersion: { type: { kind: 'number', min: 1, integer: true }, setBy: [], description: 'The revision of the item form the values were checked against' },
  approvalRequired: { type: { kind: 'boolean' }, setBy: [], description: "From the item's approver rule" },
  approvers: { type: { kind: 'list', of: { kind: 'user' }, maxItems: 500 }, setBy: [], description: "Who may approve: the item's approver rule resolved when the request was raised" },
  approver: { type: { kind: 'user' }, setBy: ['APPROVE'], example: 'olga', description: 'Who approved: one of the approvers' },
  rejectionReason: { type: TEXT, setBy: [{ by: 'REJECT', as: 'reason' }], description: 'Why the approver refused' },
  informationRequest: { type: TEXT, setBy: [{ by: 'REQUEST_INFO', as: 'question' }], example: 'Which cost centre pays?', description: 'What the approver needs to know' },
  informationProvided: { type: TEXT, setBy: [{ by: 'PROVIDE_INFO', as: 'answer' }], example: 'CC-4410', description: "The requester's answer" },
  assignmentGroup: { type: { kind: 'group' }, setBy: ['ASSIGN'], example: 'workplace', description: "Fulfilment group (defaults to the item's, else the service's support group)" },
  assignee: { type: { kind: 'user', memberOf: 'assignmentGroup' }, setBy: ['ASSIGN', 'update'], example: 'raj', description: 'Who fulfils: a member of the group' },
  tasks: { type: { kind: 'list', of: TASK, maxItems: 50 }, setBy: [], description: "The item's fulfilment tasks" },
  tasksDone: { type: { kind: 'list', of: TASK, maxItems: 50 }, setBy: [], description: 'Tasks completed so far' },
  openTasks: { type: { kind: 'number', min: 0, integer: true }, setBy: [], description: 'Tasks not done yet' },
  completedTask: { type: TASK, setBy: [{ by: 'COMPLETE_TASK', as: 'task' }], example: 'order', description: 'The task the last COMPLETE_TASK completed' },
  pendingReason: { type: TEXT, setBy: [{ by: 'PEND', as: 'reason' }], description: 'What fulfilment waits for' },
  fulfilmentNotes: { type: TEXT, setBy: ['FULFIL'], example: 'Delivered to desk 4.12', description: 'What was delivered' },
  outcome: { type: { kind: 'enum', values: ['complete', 'incomplete', 'skipped'] }, setBy: [], description: 'How the request closed (pinned by the closing transition)' },
  closureNotes: { type: TEXT, setBy: [{ by: 'CLOSE_INCOMPLETE', as: 'reason' }, { by: 'CLOSE_SKIPPED', as: 'reason' }], description: 'Why it closed incomplete or skipped' },
  reopenReason: { type: TEXT, setBy: [{ by: 'REOPEN', as: 'reason' }], description: 'Not what was asked for' },
  cancellationReason: { type: TEXT, setBy: [{ by: 'CANCEL', as: 'reason' }], description: 'Why it was withdrawn' },
};
