import type { JsonObject, JsonValue } from '@itil/event-store';
import type { Ticket, TicketEvent } from '@itil/tickets';

/**
 * Incident events of schema 1 (the hand-written incident decider) read as the ticket engine's
 * shapes. Pure: the event and the ticket as it stood before it (for the previous values and the
 * ticket id schema 1 moves never carried). Events already in today's shape pass through.
 * Written to plug into the engine's upcaster registry as well: it needs only the event and the
 * ticket id (the stream id's uuid).
 */
export function upcastIncidentEvent(event: TicketEvent, before: Ticket): TicketEvent {
  const d = event.data as Record<string, JsonValue>;
  if (event.type === 'IncidentLogged') return 'fields' in d ? event : logged(d);
  if ('from' in d && 'to' in d && 'via' in d) return 'fields' in d ? event : moved(event.type, d, before);
  if (event.type === 'IncidentCommented' && !('commentId' in d)) {
    return { type: event.type, data: { ticketId: before.id, commentId: `comment-${before.comments.length + 1}`, text: d.text, visibility: d.visibility ?? 'internal' } };
  }
  return event;
}

function logged(d: Record<string, JsonValue>): TicketEvent {
  const fields: JsonObject = {};
  for (const key of ['title', 'description', 'caller', 'service', 'configurationItem', 'category', 'impact', 'urgency', 'priority', 'priorityMatrix']) {
    if (d[key] !== undefined && d[key] !== null) fields[key] = d[key];
  }
  return { type: 'IncidentLogged', data: { ticketId: d.incidentId, process: 'incident', lifecycle: d.lifecycle, state: d.state, fields, openedAt: d.loggedAt } };
}

function moved(type: string, d: Record<string, JsonValue>, before: Ticket): TicketEvent {
  const was = (f: string): JsonValue => before.fields[f] ?? null;
  const fields: JsonObject = {};
  let note: JsonValue = null;
  switch (type) {
    case 'IncidentAssigned':
      fields.assignmentGroup = d.assignmentGroup;
      fields.assignee = d.assignee ?? null;
      if (d.previousGroup !== null && d.previousGroup !== undefined && d.previousGroup !== d.assignmentGroup) fields.reassignmentCount = ((was('reassignmentCount') as number | null) ?? 0) + 1;
      break;
    case 'IncidentPended':
      fields.pendingReason = d.reason;
      note = d.note ?? null;
      break;
    case 'IncidentResumed':
      fields.pendingReason = null;
      break;
    case 'IncidentResolved':
      fields.resolutionCode = d.resolutionCode;
      fields.resolutionNotes = d.resolutionNotes;
      if (was('pendingReason') !== null) fields.pendingReason = null;
      break;
    case 'IncidentReopened':
      fields.reopenReason = d.reason;
      fields.reopenCount = ((was('reopenCount') as number | null) ?? 0) + 1;
      break;
    case 'IncidentClosed':
      note = d.note ?? null;
      break;
    case 'IncidentCancelled':
      fields.cancellationReason = d.reason;
      if (was('pendingReason') !== null) fields.pendingReason = null;
      break;
    default:
      break;
  }
  const previous = Object.fromEntries(Object.keys(fields).map((f) => [f, f === 'assignmentGroup' && d.previousGroup !== undefined ? d.previousGroup : was(f)]));
  return { type, data: { ticketId: before.id, from: d.from, to: d.to, via: d.via, fields, previous, note } };
}
