import type { JsonValue } from '@itil/event-store';
import { PolicyRefusedError, type Policy, type PolicyRegistry } from '@itil/tickets';
import { DEFAULT_PRIORITY_MATRIX, priorityOf, type Level, type PriorityMatrix } from '../priority/priority-matrix';

const DONE = ['resolved', 'closed', 'cancelled'];

/** ITIL: priority = impact x urgency through the (versioned) matrix, recomputed whenever either changes. */
export const priorityPolicy = (matrix: PriorityMatrix): Policy => ({
  derive: ({ setting, after }) => {
    if (!('impact' in setting) && !('urgency' in setting)) return undefined;
    const { impact, urgency } = after as { impact?: Level; urgency?: Level };
    if (!impact || !urgency) return undefined;
    return { priority: priorityOf(matrix, impact, urgency), priorityMatrix: matrix.id };
  },
});

/**
 * Functional escalation: handing the incident to another group is counted, and the assignee
 * (a member of the old group) is cleared unless the command names one.
 */
export const functionalEscalation: Policy = {
  derive: ({ before, setting }) => {
    const from = before.fields.assignmentGroup;
    if (!('assignmentGroup' in setting) || from === undefined || from === null || setting.assignmentGroup === from) return undefined;
    const derived: Record<string, JsonValue> = { reassignmentCount: ((before.fields.reassignmentCount as number | undefined) ?? 0) + 1 };
    if (!('assignee' in setting)) derived.assignee = null;
    return derived;
  },
};

/** A pending reason holds only while the incident is pending: leaving a pending state clears it. */
export const pendingReasonWhilePending: Policy = {
  derive: ({ before, via, to, categoryOf, setting }) => {
    if (via === null || 'pendingReason' in setting || before.fields.pendingReason == null) return undefined;
    return categoryOf(to) === 'pending' ? undefined : { pendingReason: null };
  },
};

export const reopenCount: Policy = {
  derive: ({ before, via }) => (via === 'REOPEN' ? { reopenCount: ((before.fields.reopenCount as number | undefined) ?? 0) + 1 } : undefined),
};

/** A major incident follows its own procedure: declared when flagged, and only a major incident has one. */
export const majorIncidentProcedure: Policy = {
  derive: ({ setting, before }) => (setting.majorIncident === true && before.fields.majorIncidentProcedure == null && !('majorIncidentProcedure' in setting) ? { majorIncidentProcedure: 'declared' } : undefined),
  check: ({ setting, after }) => {
    if ('majorIncidentProcedure' in setting && setting.majorIncidentProcedure !== null && after.majorIncident !== true) {
      throw new PolicyRefusedError('majorIncidentProcedure', 'Only a major incident has a major-incident procedure: set majorIncident first', [
        { path: '$.majorIncidentProcedure', code: 'NOT_SETTABLE', message: 'the incident is not a major incident' },
      ]);
    }
  },
};

/** Parent/child: once the parent is resolved, each child still open is offered for resolution. */
export const resolveChildren: Policy = {
  check: ({ setting, before }) => {
    if (setting.parentIncident === before.id && before.id !== '') {
      throw new PolicyRefusedError('resolveChildren', 'An incident cannot be its own parent', [{ path: '$.parentIncident', code: 'UNKNOWN_REFERENCE', message: 'an incident cannot be its own parent' }]);
    }
  },
  references: (ticket) => ticket.links.filter((l) => l.kind === 'parent-of' && l.target.type === 'ticket').map((l) => ({ kind: 'ticket' as const, id: l.target.id })),
  offers: ({ ticket, references, categoryOf }) => {
    if (categoryOf(ticket.state) !== 'resolved' && categoryOf(ticket.state) !== 'closed') return [];
    return ticket.links
      .filter((l) => l.kind === 'parent-of' && l.target.type === 'ticket')
      .map((l) => references.ticket[l.target.id])
      .filter((child) => child !== undefined && !DONE.includes(child.category))
      .map((child) => ({ action: 'resolve-child', ticket: { process: child!.process, id: child!.id }, event: 'RESOLVE', reason: 'the parent incident is resolved' }));
  },
};

export const incidentPolicies = (matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): PolicyRegistry => ({
  priorityMatrix: priorityPolicy(matrix),
  functionalEscalation,
  pendingReasonWhilePending,
  reopenCount,
  majorIncidentProcedure,
  resolveChildren,
});
