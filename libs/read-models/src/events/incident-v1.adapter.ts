import type { JsonObject, RecordedEvent } from '@itil/event-store';
import type { TicketFact } from './ticket-facts';

/**
 * Today's incident events (schemaVersion 1: flat IncidentLogged, IncidentAssigned with
 * assignmentGroup at the top level, comments without ids) mapped to the contract's shapes, so the
 * read side sees incidents logged before the generic ticket engine exactly like later tickets.
 * Written from the documented v1 shapes (libs/incident/src/incident.events.ts): the read side
 * imports no process library. Returns undefined for anything that is not a v1 incident event.
 */
export function incidentV1Fact(event: RecordedEvent): TicketFact | undefined {
  if (!event.type.startsWith('Incident') || !event.streamId.startsWith('incident-')) return undefined;
  const d = event.data as Record<string, unknown> & JsonObject;
  if ('ticketId' in d) return undefined; // already the contract's shape
  const ticketId = event.streamId.slice('incident-'.length);
  const moved = (fields: JsonObject, previous: JsonObject = {}): TicketFact => ({
    kind: 'moved',
    ticketId,
    from: String(d.from),
    to: String(d.to),
    via: String(d.via),
    fields,
    previous,
  });
  switch (event.type) {
    case 'IncidentLogged':
      return {
        kind: 'opened',
        ticketId: String(d.incidentId ?? ticketId),
        process: 'incident',
        lifecycle: d.lifecycle as { id: string; version: number },
        state: String(d.state),
        fields: pick(d, ['title', 'description', 'caller', 'service', 'configurationItem', 'category', 'impact', 'urgency', 'priority', 'priorityMatrix']),
        openedAt: String(d.loggedAt),
      };
    case 'IncidentAssigned':
      return moved({ assignmentGroup: d.assignmentGroup ?? null, assignee: d.assignee ?? null }, { assignmentGroup: d.previousGroup ?? null });
    case 'IncidentWorkStarted':
      return moved({ assignee: d.assignee ?? null });
    case 'IncidentPended':
      return moved({ pendingReason: d.reason ?? null, pendingNote: d.note ?? null });
    case 'IncidentResumed':
      return moved({ pendingReason: null });
    case 'IncidentResolved':
      return moved({ resolutionCode: d.resolutionCode ?? null, resolutionNotes: d.resolutionNotes ?? null });
    case 'IncidentReopened':
      return moved({ reopenReason: d.reason ?? null });
    case 'IncidentClosed':
      return moved({ closeNote: d.note ?? null });
    case 'IncidentCancelled':
      return moved({ cancellationReason: d.reason ?? null });
    case 'IncidentCommented':
      // v1 comments have no id of their own: the event id is unique and stable across rebuilds.
      return { kind: 'commented', ticketId, commentId: event.id, text: String(d.text ?? ''), visibility: d.visibility === 'public' ? 'public' : 'internal' };
    case 'IncidentLifecycleMigrated':
      return { kind: 'migrated', ticketId, lifecycle: d.lifecycle as { id: string; version: number }, toState: String(d.toState) };
    default:
      return undefined;
  }
}

function pick(d: JsonObject, names: string[]): JsonObject {
  const out: JsonObject = {};
  for (const n of names) if (n in d) out[n] = d[n];
  return out;
}
