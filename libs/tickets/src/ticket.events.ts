import type { DomainEvent } from '@itil/engine';
import type { JsonObject, JsonValue } from '@itil/event-store';

/**
 * The engine's facts. Types are per process (`IncidentLogged`, `IncidentAssigned`, ...) but the
 * data shapes are the engine's, so generic readers classify an event by its shape:
 * `from`+`to`+`via` is a move; `lifecycle`+`state`+`fields` without `from` is an opening; the
 * suffixes (`FieldsUpdated`, `Commented`, `WorkLogged`, `Linked`, `Unlinked`, `LifecycleMigrated`)
 * for the rest. See docs/design/ticket-engine-contract.md.
 */
export type FieldValues = Record<string, JsonValue>;

export interface TicketOpenedData extends JsonObject {
  ticketId: string;
  process: string;
  lifecycle: { id: string; version: number };
  state: string;
  fields: FieldValues;
  openedAt: string;
}

export interface TicketMovedData extends JsonObject {
  ticketId: string;
  from: string;
  to: string;
  via: string;
  /** Every field the move set (from the command, pinned by the transition, or derived by a policy). */
  fields: FieldValues;
  /** Their values before the move (null when unset). */
  previous: FieldValues;
  /** The optional free-text note any move may carry. */
  note: string | null;
}

export interface TicketFieldsUpdatedData extends JsonObject {
  ticketId: string;
  fields: FieldValues;
  previous: FieldValues;
}

export interface TicketCommentedData extends JsonObject {
  ticketId: string;
  commentId: string;
  text: string;
  visibility: 'internal' | 'public';
}

export interface TicketWorkLoggedData extends JsonObject {
  ticketId: string;
  entryId: string;
  minutes: number;
  note: string;
  workedBy: string;
}

export type LinkTargetType = 'ticket' | 'ci' | 'service' | 'catalog-item';

export interface LinkTarget extends JsonObject {
  type: LinkTargetType;
  id: string;
  /** For a ticket: its process (null for other targets). */
  process: string | null;
}

export interface TicketLinkedData extends JsonObject {
  ticketId: string;
  linkId: string;
  /** `caused-by`, `duplicate-of`, `child-of`, `parent-of`, `resolved-by-change`, `related-to`, ... */
  kind: string;
  target: LinkTarget;
}

export interface TicketUnlinkedData extends JsonObject {
  ticketId: string;
  linkId: string;
}

/** As `IncidentLifecycleMigrated` has always been: an explicit, recorded move to another version. */
export interface TicketLifecycleMigratedData extends JsonObject {
  migrationId: string;
  lifecycle: { id: string; version: number };
  fromLifecycle: { id: string; version: number };
  fromState: string;
  toState: string;
  mapping: Record<string, string>;
  migratedBy: string;
  migratedAt: string;
  reason: string | null;
}

export type TicketEventKind = 'opened' | 'moved' | 'fieldsUpdated' | 'commented' | 'workLogged' | 'linked' | 'unlinked' | 'migrated';

/** Any fact of any process's ticket: the type is the process's, the data the engine's. */
export type TicketEvent = DomainEvent<string, JsonObject>;

export const SUFFIXES = {
  fieldsUpdated: 'FieldsUpdated',
  commented: 'Commented',
  workLogged: 'WorkLogged',
  linked: 'Linked',
  unlinked: 'Unlinked',
  migrated: 'LifecycleMigrated',
} as const;

/** What kind of fact an event is, from its shape and suffix alone (the way projections read them). */
export function kindOf(event: TicketEvent): TicketEventKind | undefined {
  const d = event.data;
  if ('from' in d && 'to' in d && 'via' in d) return 'moved';
  if (event.type.endsWith(SUFFIXES.migrated)) return 'migrated';
  if ('lifecycle' in d && 'state' in d && 'fields' in d) return 'opened';
  if (event.type.endsWith(SUFFIXES.fieldsUpdated)) return 'fieldsUpdated';
  if (event.type.endsWith(SUFFIXES.commented)) return 'commented';
  if (event.type.endsWith(SUFFIXES.workLogged)) return 'workLogged';
  if (event.type.endsWith(SUFFIXES.unlinked)) return 'unlinked';
  if (event.type.endsWith(SUFFIXES.linked)) return 'linked';
  return undefined;
}
