import { knowsTypes, type Decider, type Evolver } from '@itil/engine';
import { TransitionNotAllowedError, type Lifecycle, type LifecycleCatalog, type TransitionOutcome } from '@itil/workflow';
import { MACHINE_EVENT_OF, type CommentOnIncident, type IncidentCommand, type LogIncident } from './incident.commands';
import { IncidentAlreadyLoggedError, IncidentNotFoundError } from './incident.errors';
import { INCIDENT_EVENT_TYPES, type IncidentEvent, type IncidentLogged } from './incident.events';
import { initialIncident, type Incident } from './incident.state';
import { DEFAULT_PRIORITY_MATRIX, priorityOf, type PriorityMatrix } from './priority/priority-matrix';

export const INCIDENT_MACHINE_ID = 'incident';
export const incidentStream = (incidentId: string): string => `incident-${incidentId}`;

/** Folds one fact into the state. Transitions take their target from the event, never from the machine. */
export function evolve(s: Incident, e: IncidentEvent): Incident {
  switch (e.type) {
    case 'IncidentLogged': {
      const d = e.data;
      return {
        ...initialIncident(),
        exists: true,
        id: d.incidentId,
        status: d.state,
        lifecycle: d.lifecycle,
        title: d.title,
        description: d.description,
        caller: d.caller,
        service: d.service,
        configurationItem: d.configurationItem,
        category: d.category,
        impact: d.impact,
        urgency: d.urgency,
        priority: d.priority,
        loggedAt: d.loggedAt,
      };
    }
    case 'IncidentAssigned':
      return {
        ...s,
        status: e.data.to,
        assignmentGroup: e.data.assignmentGroup,
        assignee: e.data.assignee,
        assignmentHistory: [...s.assignmentHistory, e.data.assignmentGroup],
      };
    case 'IncidentWorkStarted':
      return { ...s, status: e.data.to, assignee: e.data.assignee };
    case 'IncidentPended':
      return { ...s, status: e.data.to, pendingReason: e.data.reason };
    case 'IncidentResumed':
      return { ...s, status: e.data.to, pendingReason: null };
    case 'IncidentResolved':
      return {
        ...s,
        status: e.data.to,
        pendingReason: null,
        resolutionCode: e.data.resolutionCode,
        resolutionNotes: e.data.resolutionNotes,
        resolvedAt: e.data.resolvedAt,
      };
    case 'IncidentReopened':
      return { ...s, status: e.data.to, resolvedAt: null, reopenCount: s.reopenCount + 1 };
    case 'IncidentClosed':
      return { ...s, status: e.data.to, closedAt: e.data.closedAt };
    case 'IncidentCancelled':
      return { ...s, status: e.data.to, cancellationReason: e.data.reason };
    case 'IncidentCommented':
      return { ...s, commentCount: s.commentCount + 1 };
    case 'IncidentLifecycleMigrated':
      return { ...s, lifecycle: e.data.lifecycle, status: e.data.toState };
    default: {
      // Exhaustive for the types this build knows; the engine's folds never pass another (knows).
      const _unknown: never = e;
      return s;
    }
  }
}

/** How an incident's state is folded; the engine skips event types `knows` does not list. */
export const incidentEvolver: Evolver<IncidentEvent, Incident> = {
  initialState: initialIncident,
  evolve,
  knows: knowsTypes<IncidentEvent>(INCIDENT_EVENT_TYPES),
};

/** The incident decider, bound to the lifecycle versions and priority matrix it decides with. */
export function createIncidentDecider(
  lifecycles: LifecycleCatalog,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): Decider<IncidentCommand, IncidentEvent, Incident> {
  const lifecycleOf = (s: Incident): Lifecycle => lifecycles.get(s.lifecycle!.id, s.lifecycle!.version);

  function decide(c: IncidentCommand, s: Incident): IncidentEvent[] {
    if (c.type === 'LogIncident') return [logged(c, s)];
    if (!s.exists) throw new IncidentNotFoundError(c.data.incidentId);
    const lifecycle = lifecycleOf(s);
    if (c.type === 'CommentOnIncident') {
      // Comments change no state, but a closed or cancelled record is frozen.
      if (lifecycle.isFinal(s.status)) throw new TransitionNotAllowedError(lifecycle.machineId, s.status, 'COMMENT', []);
      return [{ type: 'IncidentCommented', data: { text: c.data.text, visibility: c.data.visibility ?? 'internal' } }];
    }
    const { incidentId: _id, ...fields } = c.data;
    const outcome = lifecycle.evaluate(s.status, { type: MACHINE_EVENT_OF[c.type], ...fields }, fieldsOf(s));
    const events = [moved(c, s, outcome)];
    lifecycle.requireFields(outcome, fieldsOf(events.reduce(evolve, s)));
    return events;
  }

  /** The fact a state-changing command records once the lifecycle allowed it. */
  function moved(c: Exclude<IncidentCommand, LogIncident | CommentOnIncident>, s: Incident, outcome: TransitionOutcome): IncidentEvent {
    const { from, to, event: via } = outcome;
    switch (c.type) {
      case 'AssignIncident':
        return {
          type: 'IncidentAssigned',
          data: { from, to, via, assignmentGroup: c.data.assignmentGroup, assignee: c.data.assignee ?? null, previousGroup: s.assignmentGroup },
        };
      case 'StartWorkOnIncident':
        return { type: 'IncidentWorkStarted', data: { from, to, via, assignee: s.assignee! } };
      case 'PendIncident':
        return { type: 'IncidentPended', data: { from, to, via, reason: c.data.reason, note: c.data.note ?? null } };
      case 'ResumeIncident':
        return { type: 'IncidentResumed', data: { from, to, via } };
      case 'ResolveIncident':
        return {
          type: 'IncidentResolved',
          data: { from, to, via, resolutionCode: c.data.resolutionCode, resolutionNotes: c.data.resolutionNotes, resolvedAt: c.metadata.now.toISOString() },
        };
      case 'ReopenIncident':
        return { type: 'IncidentReopened', data: { from, to, via, reason: c.data.reason } };
      case 'CloseIncident':
        return { type: 'IncidentClosed', data: { from, to, via, note: c.data.note ?? null, closedAt: c.metadata.now.toISOString() } };
      case 'CancelIncident':
        return { type: 'IncidentCancelled', data: { from, to, via, reason: c.data.reason } };
      default: {
        const unknown: never = c;
        return unknown;
      }
    }
  }

  function logged(c: LogIncident, s: Incident): IncidentLogged {
    if (s.exists) throw new IncidentAlreadyLoggedError(c.data.incidentId);
    const lifecycle = lifecycles.latest(INCIDENT_MACHINE_ID);
    const d = c.data;
    return {
      type: 'IncidentLogged',
      data: {
        incidentId: d.incidentId,
        title: d.title,
        description: d.description ?? '',
        caller: d.caller,
        service: d.service ?? null,
        configurationItem: d.configurationItem ?? null,
        category: d.category ?? null,
        impact: d.impact,
        urgency: d.urgency,
        priority: priorityOf(matrix, d.impact, d.urgency),
        priorityMatrix: matrix.id,
        lifecycle: { id: lifecycle.machineId, version: lifecycle.version.version },
        state: lifecycle.initialState,
        loggedAt: c.metadata.now.toISOString(),
      },
    };
  }

  return { ...incidentEvolver, decide, machineOf: (s) => s.lifecycle };
}

/** What guards see as the ticket's current fields. */
const fieldsOf = (s: Incident): Record<string, unknown> => s as unknown as Record<string, unknown>;
