import type { FieldDictionary } from '@itil/tickets';
import { LEVELS } from '../priority/priority-matrix';

export const PENDING_REASONS_ALL = ['awaiting_caller', 'awaiting_vendor', 'awaiting_change', 'awaiting_problem'] as const;
export const MAJOR_INCIDENT_PROCEDURE = ['declared', 'bridge-open', 'stakeholders-informed', 'resolved-pending-review', 'reviewed'] as const;

const NAME = { kind: 'text', maxLength: 200 } as const;
const TEXT = { kind: 'text', maxLength: 10_000, multiline: true } as const;

/**
 * The incident's typed field dictionary (the base every lifecycle version starts from; a version's
 * `meta.fields` may narrow who sets what). Request properties that differ from the field name
 * (`reason`) are the names the incident API has always used.
 */
export const incidentFields: FieldDictionary = {
  title: { type: NAME, setBy: ['create', 'update'], requiredOnOpen: true, example: 'VPN down for the Leeds office', description: 'Short summary of the fault' },
  description: { type: TEXT, setBy: ['create', 'update'], description: 'What the caller reports' },
  caller: { type: { kind: 'user' }, setBy: ['create'], requiredOnOpen: true, example: 'caller:bob', description: 'Who reported it' },
  service: { type: { kind: 'ref', to: 'service' }, setBy: ['create', 'update'], example: 'vpn', description: 'Affected service (catalog)' },
  configurationItem: { type: { kind: 'ref', to: 'ci' }, setBy: ['create', 'update'], description: 'Affected configuration item (CMDB)' },
  category: { type: { kind: 'text', maxLength: 100 }, setBy: ['create', 'update'], example: 'network', description: 'Categorisation' },
  impact: { type: { kind: 'enum', values: [...LEVELS] }, setBy: ['create', 'update'], requiredOnOpen: true, example: 'high', description: 'How much of the business is affected' },
  urgency: { type: { kind: 'enum', values: [...LEVELS] }, setBy: ['create', 'update'], requiredOnOpen: true, example: 'medium', description: 'How fast it must be restored' },
  priority: { type: { kind: 'number', min: 1, max: 5, integer: true }, setBy: [], description: 'Derived from impact x urgency by the priority matrix (policy priorityMatrix)' },
  priorityMatrix: { type: { kind: 'text', maxLength: 100 }, setBy: [], description: 'Id and version of the matrix that set the priority' },
  assignmentGroup: { type: { kind: 'group' }, setBy: ['ASSIGN'], example: 'network', description: 'Resolver group whose queue holds the incident' },
  assignee: { type: { kind: 'user', memberOf: 'assignmentGroup' }, setBy: ['ASSIGN'], example: 'raj', description: 'Person working on it: a member of the assignment group' },
  reassignmentCount: { type: { kind: 'number', min: 0, integer: true }, setBy: [], description: 'Functional escalations: reassignments to another group' },
  escalationLevel: { type: { kind: 'number', min: 0, max: 3, integer: true }, setBy: ['update'], description: 'Hierarchical escalation: 0 none, 1 team lead, 2 service manager, 3 executive' },
  pendingReason: { type: { kind: 'enum', values: [...PENDING_REASONS_ALL] }, setBy: [{ by: 'PEND', as: 'reason' }], example: 'awaiting_vendor', description: 'Why the incident waits' },
  resolutionCode: { type: { kind: 'text', maxLength: 100 }, setBy: ['RESOLVE'], example: 'config-fix', description: 'How service was restored (feeds problem management)' },
  resolutionNotes: { type: TEXT, setBy: ['RESOLVE'], example: 'MTU fixed on the tunnel', description: 'What was done' },
  firstContactResolution: { type: { kind: 'boolean' }, setBy: [], description: 'Resolved at first contact, without reassignment (pinned by the transition that does so)' },
  reopenReason: { type: TEXT, setBy: [{ by: 'REOPEN', as: 'reason' }], example: 'Dropped again at 14:00', description: 'Why the caller reopened it' },
  reopenCount: { type: { kind: 'number', min: 0, integer: true }, setBy: [], description: 'Times reopened' },
  cancellationReason: { type: TEXT, setBy: [{ by: 'CANCEL', as: 'reason' }], example: 'Duplicate of another incident', description: 'Why it was withdrawn' },
  majorIncident: { type: { kind: 'boolean' }, setBy: ['create', 'update'], description: 'A major incident follows its own procedure (majorIncidentProcedure)' },
  majorIncidentProcedure: { type: { kind: 'enum', values: [...MAJOR_INCIDENT_PROCEDURE] }, setBy: ['update'], description: 'Where the major-incident procedure stands' },
  parentIncident: { type: { kind: 'ref', to: 'ticket', process: 'incident' }, setBy: ['create', 'update'], description: 'The parent of a child incident' },
  satisfactionRating: { type: { kind: 'number', min: 1, max: 5, integer: true }, setBy: [{ by: 'update', states: ['resolved'] }], description: "The caller's rating after resolution (1-5)" },
  satisfactionComment: { type: { kind: 'text', maxLength: 2_000, multiline: true }, setBy: [{ by: 'update', states: ['resolved'] }], description: "The caller's comment with the rating" },
};
