import type { RecordedEvent } from '@itil/event-store';

export interface Machine {
  id: string;
  version: number;
}

/**
 * What a ticket event means for its SLA clocks, read from the data's shape as the ticket-engine
 * contract says (never from a list of process-specific types): `lifecycle` + `state` without
 * `from` is an opening; `from` + `to` + `via` is a move; `...LifecycleMigrated` moves the ticket to
 * another lifecycle version; a `fields.priority` (or a flat `priority` in schema 1) is a priority.
 */
export type TicketFact =
  | { kind: 'opened'; id: string; at: number; position: bigint; process: string; lifecycle: Machine; state: string; priority: number | null; service: string | null }
  | { kind: 'moved'; id: string; at: number; to: string; priority?: number | null }
  | { kind: 'updated'; id: string; at: number; priority?: number | null }
  | { kind: 'migrated'; id: string; at: number; lifecycle: Machine; state: string };

type Data = Record<string, unknown>;

const UUID_SUFFIX = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** When the fact happened (the envelope's occurredAt), in epoch milliseconds. */
export function occurredAtOf(e: RecordedEvent): number {
  const at = Date.parse(String((e.metadata as { occurredAt?: unknown }).occurredAt ?? ''));
  return Number.isFinite(at) ? at : e.recordedAt.getTime();
}

export function classifyTicketEvent(e: RecordedEvent): TicketFact | undefined {
  const d = e.data as Data;
  const fields = (isObject(d.fields) ? d.fields : undefined) as Data | undefined;
  const at = occurredAtOf(e);
  if (isMachine(d.lifecycle) && typeof d.state === 'string' && d.from === undefined) {
    if (e.type.endsWith('LifecycleMigrated')) return { kind: 'migrated', id: e.id, at, lifecycle: d.lifecycle, state: typeof d.toState === 'string' ? d.toState : d.state };
    const source = fields ?? d;
    const process = typeof d.process === 'string' ? d.process : UUID_SUFFIX.test(e.streamId) ? e.streamId.replace(UUID_SUFFIX, '') : d.lifecycle.id;
    return { kind: 'opened', id: e.id, at, position: e.position, process, lifecycle: d.lifecycle, state: d.state, priority: priorityOf(source.priority), service: typeof source.service === 'string' ? source.service : null };
  }
  if (e.type.endsWith('LifecycleMigrated') && isMachine(d.lifecycle) && typeof d.toState === 'string') return { kind: 'migrated', id: e.id, at, lifecycle: d.lifecycle, state: d.toState };
  if (typeof d.from === 'string' && typeof d.to === 'string' && typeof d.via === 'string') {
    return fields && 'priority' in fields ? { kind: 'moved', id: e.id, at, to: d.to, priority: priorityOf(fields.priority) } : { kind: 'moved', id: e.id, at, to: d.to };
  }
  if (e.type.endsWith('FieldsUpdated') && fields && 'priority' in fields) return { kind: 'updated', id: e.id, at, priority: priorityOf(fields.priority) };
  return undefined;
}

/** Priorities are 1 (highest) to 5; `2` and `"2"` both read as 2, anything else as none. */
function priorityOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMachine = (v: unknown): v is Machine => isObject(v) && typeof v.id === 'string' && typeof v.version === 'number';
