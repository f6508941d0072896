import type { SlaDefinitionsRow, SlaFoldsRow } from '../sla/sla.tables';
import type { KnownErrorSearchRow, KnownErrorsRow } from './known-errors';

/**
 * The tickets projection's tables, by logical name (each generation's physical tables are
 * `<name>_g<generation>`). Instants are ISO 8601 UTC text (`2026-03-02T09:00:00.000Z`): they sort
 * and compare as text on both engines; cast with `::timestamptz` on PostgreSQL for date arithmetic.
 * docs/read-models.md documents every column and the events that feed it.
 */
export interface TicketsRow {
  ticket_id: string;
  process: string;
  stream_id: string;
  /** Order of opening in the log (1, 2, 3...): the full-text index's row id. */
  seq: number;
  title: string | null;
  description: string | null;
  state: string;
  state_category: string | null;
  /** 1 unless the state's category is resolved, closed or cancelled (an unknown category counts as open). */
  is_open: number;
  sla_clock: string | null;
  priority: number | null;
  assignment_group: string | null;
  assignee: string | null;
  service: string | null;
  configuration_item: string | null;
  category: string | null;
  caller: string | null;
  lifecycle_id: string;
  lifecycle_version: number;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  /** When the running resolution clock is due (business time, paused time removed); null while paused, stopped or without an SLA policy. */
  sla_due_at: string | null;
  /** 1 once the SLA scheduler recorded a breach (SlaBreached, either clock) for the clock's current baseline. */
  sla_breached: number;
  /** The earliest such breach instant. */
  sla_breached_at: string | null;
  /** Fields plannedStart / plannedEnd (a change's planned window), as instant text. */
  planned_start: string | null;
  planned_end: string | null;
  reopen_count: number;
  comment_count: number;
  effort_minutes: number;
  /** Every field the ticket has, as JSON (process-specific fields included). */
  fields_json: string;
  last_position: string;
}

export interface TicketCommentsRow {
  comment_id: string;
  ticket_id: string;
  process: string;
  text: string;
  visibility: 'internal' | 'public';
  author: string | null;
  created_at: string;
  position: string;
}

export interface TicketWorkLogRow {
  entry_id: string;
  ticket_id: string;
  process: string;
  minutes: number;
  note: string;
  worked_by: string;
  worked_at: string;
  assignment_group: string | null;
  service: string | null;
  position: string;
}

export interface TicketLinksRow {
  link_id: string;
  ticket_id: string;
  kind: string;
  target_type: string;
  target_id: string;
  target_process: string | null;
  linked_at: string;
}

export interface LifecycleStatesRow {
  lifecycle_id: string;
  version: number;
  state: string;
  category: string | null;
  sla: string | null;
  final: number;
}

/** PostgreSQL's search table (SQLite uses an FTS5 virtual table of the same name). */
export interface TicketSearchRow {
  seq: number;
  title: string;
  description: string;
  comments: string;
}

export interface TicketsTables {
  tickets: TicketsRow;
  ticket_comments: TicketCommentsRow;
  ticket_work_log: TicketWorkLogRow;
  ticket_links: TicketLinksRow;
  lifecycle_states: LifecycleStatesRow;
  ticket_search: TicketSearchRow;
  ticket_sla_definitions: SlaDefinitionsRow;
  ticket_sla_folds: SlaFoldsRow;
  known_errors: KnownErrorsRow;
  known_error_search: KnownErrorSearchRow;
}

export const TICKETS_TABLES = ['tickets', 'ticket_comments', 'ticket_work_log', 'ticket_links', 'lifecycle_states', 'ticket_search', 'ticket_sla_definitions', 'ticket_sla_folds', 'known_errors', 'known_error_search'] as const;
