import type { JsonObject, JsonValue } from '@itil/event-store';

/**
 * A ticket event as the read side understands it, whatever its process: the shapes of
 * docs/design/ticket-engine-contract.md. Classified by data shape, so a new process needs no
 * code here.
 */
export type TicketFact =
  | { kind: 'opened'; ticketId: string; process: string; lifecycle: { id: string; version: number }; state: string; fields: JsonObject; openedAt: string }
  | { kind: 'moved'; ticketId: string; from: string; to: string; via: string; fields: JsonObject; previous: JsonObject }
  | { kind: 'fieldsUpdated'; ticketId: string; fields: JsonObject; previous: JsonObject }
  | { kind: 'commented'; ticketId: string; commentId: string; text: string; visibility: 'internal' | 'public' }
  | { kind: 'workLogged'; ticketId: string; entryId: string; minutes: number; note: string; workedBy: string }
  | { kind: 'linked'; ticketId: string; linkId: string; linkKind: string; target: { type: string; id: string; process?: string } }
  | { kind: 'unlinked'; ticketId: string; linkId: string }
  | { kind: 'migrated'; ticketId: string; lifecycle: { id: string; version: number }; toState: string };

/** A published lifecycle version: the meaning (category, SLA clock) of each of its states. */
export interface LifecyclePublishedFact {
  kind: 'lifecyclePublished';
  process: string;
  version: number;
  states: { state: string; category: string | null; sla: string | null; final: boolean }[];
}

/** What every fact carries from its envelope. */
export interface FactContext {
  eventId: string;
  eventType: string;
  streamId: string;
  position: bigint;
  /** The envelope's occurredAt (when it happened), else the store's recordedAt. */
  at: string;
  actor: string | null;
  /** The pinned lifecycle (envelope.machine). */
  machine: { id: string; version: number } | null;
}

export type ReadSideFact = TicketFact | LifecyclePublishedFact;

export const fieldText = (fields: JsonObject, name: string): string | null | undefined => {
  if (!(name in fields)) return undefined;
  const value: JsonValue = fields[name];
  return value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
};

export const fieldNumber = (fields: JsonObject, name: string): number | null | undefined => {
  if (!(name in fields)) return undefined;
  const value = fields[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
