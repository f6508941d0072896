import type { UpcasterRegistry } from '@itil/engine';
import type { JsonObject, JsonValue } from '@itil/event-store';
import type { Ticket, TicketEvent } from '@itil/tickets';

/*
 * Incident events of schema 1 (written by the hand-written incident decider) read as the ticket
 * engine's shapes, in two steps:
 *  - structural, stateless (`upcastIncidentV1`): registered in the engine's UpcasterRegistry as
 *    the step from schema 1 to 2 of each type, so every reader (pipeline, projections) sees the
 *    shapes of docs/design/ticket-engine-contract.md, and new events are written as schema 2;
 *  - what only the fold can know (`completeIncidentEvent`, run by the fold with the ticket as it
 *    stood): previous values schema 1 never recorded, the counters policies derive today
 *    (reassignments, reopens), comment numbers.
 */

const V1_MOVES = ['IncidentAssigned', 'IncidentWorkStarted', 'IncidentPended', 'IncidentResumed', 'IncidentResolved', 'IncidentReopened', 'IncidentClosed', 'IncidentCancelled'];
export const INCIDENT_V1_TYPES = ['IncidentLogged', ...V1_MOVES, 'IncidentCommented'];

const ticketIdOf = (streamId: string): string => streamId.replace(/^incident-/, '');

/** Schema 1 -> 2 of one incident event type, from its data and stream alone. */
export function upcastIncidentV1(type: string, d: JsonObject, streamId: string): JsonObject {
  if (type === 'IncidentLogged') {
    if ('fields' in d) return d;
    const fields: JsonObject = {};
    for (const key of ['title', 'description', 'caller', 'service', 'configurationItem', 'category', 'impact', 'urgency', 'priority', 'priorityMatrix']) {
      if (d[key] !== undefined && d[key] !== null) fields[key] = d[key];
    }
    return { ticketId: d.incidentId, process: 'incident', lifecycle: d.lifecycle, state: d.state, fields, openedAt: d.loggedAt };
  }
  if (type === 'IncidentCommented') return 'commentId' in d ? d : { ticketId: ticketIdOf(streamId), commentId: null, text: d.text, visibility: d.visibility ?? 'internal' };
  if (!V1_MOVES.includes(type) || 'fields' in d) return d;
  const fields: JsonObject = {};
  const previous: JsonObject = {};
  let note: JsonValue = null;
  switch (type) {
    case 'IncidentAssigned':
      Object.assign(fields, { assignmentGroup: d.assignmentGroup, assignee: d.assignee ?? null });
      previous.assignmentGroup = d.previousGroup ?? null;
      break;
    case 'IncidentPended':
      fields.pendingReason = d.reason;
      note = d.note ?? null;
      break;
    case 'IncidentResumed':
      fields.pendingReason = null;
      break;
    case 'IncidentResolved':
      Object.assign(fields, { resolutionCode: d.resolutionCode, resolutionNotes: d.resolutionNotes });
      break;
    case 'IncidentReopened':
      fields.reopenReason = d.reason;
      break;
    case 'IncidentClosed':
      note = d.note ?? null;
      break;
    case 'IncidentCancelled':
      fields.cancellationReason = d.reason;
      break;
    default:
      break;
  }
  return { ticketId: ticketIdOf(streamId), from: d.from, to: d.to, via: d.via, fields, previous, note, upcastFrom: 1 };
}

export function registerIncidentUpcasters(registry: UpcasterRegistry): void {
  for (const type of INCIDENT_V1_TYPES) {
    if (registry.currentVersion(type) < 2) registry.register(type, 1, (data, event) => upcastIncidentV1(type, data, event.streamId));
  }
}

/**
 * Completes an event of schema 1 (raw, or upcast by the registry) with what the fold knows: the
 * ticket before it. Events written as schema 2 pass through unchanged.
 */
export function completeIncidentEvent(event: TicketEvent, before: Ticket): TicketEvent {
  const raw = event.data;
  const d = upcastIncidentV1(event.type, raw, `incident-${before.id}`) as Record<string, JsonValue>;
  if (event.type === 'IncidentCommented' && d.commentId === null) return { type: event.type, data: { ...d, commentId: `comment-${before.comments.length + 1}` } };
  if (d.upcastFrom !== 1) return d === raw ? event : { type: event.type, data: d };
  const { upcastFrom: _from, ...data } = d;
  const fields = { ...(data.fields as JsonObject) };
  const was = (f: string): JsonValue => before.fields[f] ?? null;
  if (event.type === 'IncidentAssigned') {
    const group = (data.previous as JsonObject).assignmentGroup;
    if (group !== null && group !== undefined && group !== fields.assignmentGroup) fields.reassignmentCount = ((was('reassignmentCount') as number | null) ?? 0) + 1;
  }
  if (event.type === 'IncidentReopened') fields.reopenCount = ((was('reopenCount') as number | null) ?? 0) + 1;
  // Schema 1 cleared the pending reason on resolve and cancel; today a policy records it.
  if ((event.type === 'IncidentResolved' || event.type === 'IncidentCancelled') && was('pendingReason') !== null) fields.pendingReason = null;
  const previous: JsonObject = Object.fromEntries(Object.keys(fields).map((f) => [f, was(f)]));
  if (event.type === 'IncidentAssigned') previous.assignmentGroup = (data.previous as JsonObject).assignmentGroup ?? null;
  return { type: event.type, data: { ...data, fields, previous } };
}

/** @deprecated name kept for readers written against the first cut: use completeIncidentEvent. */
export const upcastIncidentEvent = completeIncidentEvent;
