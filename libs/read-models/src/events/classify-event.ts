import type { JsonObject, RecordedEvent } from '@itil/event-store';
import { incidentV1Fact } from './incident-v1.adapter';
import type { FactContext, LifecyclePublishedFact, ReadSideFact, TicketFact } from './ticket-facts';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';

/**
 * What a stored event means to the read side, by the shape of its data (the contract's rule),
 * never by a list of process-specific types. Anything else (reference data, SLA timers, unknown
 * types, newer shapes) is `undefined`: projections ignore it, they never fail on it.
 */
export function classifyEvent(event: RecordedEvent): ReadSideFact | undefined {
  if (event.type === 'LifecycleVersionPublished') return lifecyclePublished(event.data);
  const v1 = incidentV1Fact(event);
  if (v1) return v1;
  const d = event.data;
  if (!str(d.ticketId)) return undefined;
  const ticketId = d.ticketId;
  const fields = isObject(d.fields) ? d.fields : {};
  const previous = isObject(d.previous) ? d.previous : {};
  if (str(d.from) && str(d.to) && str(d.via)) return { kind: 'moved', ticketId, from: d.from, to: d.to, via: d.via, fields, previous };
  if (isObject(d.lifecycle) && str(d.state) && isObject(d.fields)) {
    const lifecycle = { id: String(d.lifecycle.id), version: Number(d.lifecycle.version) };
    if (event.type.endsWith('LifecycleMigrated')) return { kind: 'migrated', ticketId, lifecycle, toState: String(d.toState ?? d.state) };
    return {
      kind: 'opened',
      ticketId,
      process: str(d.process) ? d.process : processOfStream(event.streamId),
      lifecycle,
      state: d.state,
      fields,
      openedAt: str(d.openedAt) ? d.openedAt : event.recordedAt.toISOString(),
    };
  }
  const t = event.type;
  if (t.endsWith('LifecycleMigrated') && isObject(d.lifecycle)) {
    return { kind: 'migrated', ticketId, lifecycle: { id: String(d.lifecycle.id), version: Number(d.lifecycle.version) }, toState: String(d.toState) };
  }
  if (t.endsWith('FieldsUpdated')) return { kind: 'fieldsUpdated', ticketId, fields, previous };
  if (t.endsWith('Commented') && str(d.text)) {
    return { kind: 'commented', ticketId, commentId: str(d.commentId) ? d.commentId : event.id, text: d.text, visibility: d.visibility === 'public' ? 'public' : 'internal' };
  }
  if (t.endsWith('WorkLogged') && typeof d.minutes === 'number') {
    return { kind: 'workLogged', ticketId, entryId: str(d.entryId) ? d.entryId : event.id, minutes: d.minutes, note: str(d.note) ? d.note : '', workedBy: str(d.workedBy) ? d.workedBy : '' };
  }
  if (t.endsWith('Unlinked') && str(d.linkId)) return { kind: 'unlinked', ticketId, linkId: d.linkId };
  if (t.endsWith('Linked') && str(d.linkId) && isObject(d.target)) {
    const target = d.target;
    return {
      kind: 'linked',
      ticketId,
      linkId: d.linkId,
      linkKind: str(d.kind) ? d.kind : 'related',
      target: { type: String(target.type), id: String(target.id), ...(str(target.process) ? { process: target.process } : {}) },
    };
  }
  return undefined;
}

export function factContext(event: RecordedEvent): FactContext {
  const m = event.metadata;
  const machine = isObject(m.machine) && str(m.machine.id) ? { id: m.machine.id, version: Number(m.machine.version) } : null;
  return {
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    position: event.position,
    at: str(m.occurredAt) ? m.occurredAt : event.recordedAt.toISOString(),
    actor: str(m.actor) ? m.actor : null,
    machine,
  };
}

/** `service-request-<uuid>` -> `service-request`. */
export function processOfStream(streamId: string): string {
  const match = /^(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.exec(streamId);
  return match ? match[1] : streamId.split('-')[0];
}

function lifecyclePublished(d: JsonObject): LifecyclePublishedFact | undefined {
  if (!str(d.process) || typeof d.version !== 'number' || !isObject(d.definition) || !isObject(d.definition.states)) return undefined;
  const states = Object.entries(d.definition.states).map(([state, config]) => {
    const c = isObject(config) ? config : {};
    const meta = isObject(c.meta) ? c.meta : {};
    return { state, category: str(meta.category) ? meta.category : null, sla: str(meta.sla) ? meta.sla : null, final: c.type === 'final' };
  });
  return { kind: 'lifecyclePublished', process: d.process, version: d.version, states };
}

export type { TicketFact };
