import type { LifecycleStatesRow } from '../tickets/tickets.tables';

/** What the CSI projection remembers of each ticket to measure the next fact. */
export interface CsiTicketsRow {
  ticket_id: string;
  process: string;
  lifecycle_id: string;
  lifecycle_version: number;
  service: string | null;
  assignment_group: string | null;
  priority: number | null;
  opened_at: string;
  state_category: string | null;
  first_group: string | null;
  /** Times the ticket moved to a different assignment group after its first one. */
  reassignments: number;
  acknowledged_at: string | null;
  resolutions: number;
  outcome: string | null;
  change_type: string | null;
}

export type CsiFactKind = 'opened' | 'acknowledged' | 'resolved' | 'reopened' | 'rated' | 'worked' | 'change_closed';

/**
 * One row per measurable fact, with the ticket's dimensions as they were when it happened and
 * its period keys: every CSI figure is a GROUP BY over this table, the same SQL on both engines.
 */
export interface CsiFactsRow {
  event_id: string;
  fact: CsiFactKind;
  ticket_id: string;
  process: string;
  service: string | null;
  assignment_group: string | null;
  priority: number | null;
  at: string;
  day: string;
  week: string;
  month: string;
  /** acknowledged: minutes from opened; resolved: minutes from opened (calendar time). */
  duration_minutes: number | null;
  /** resolved: 1 when it is the ticket's first resolution and no reassignment happened before it. */
  first_contact: number | null;
  /** rated: the rating (1-5); worked: minutes worked; resolved: the ticket's resolution number (1 = first). */
  value: number | null;
  /** change_closed: successful, successfulWithIssues, failed, backedOut or backoutFailed. */
  outcome: string | null;
  /** change_closed: standard, normal or emergency. */
  change_type: string | null;
  position: string;
}

export interface CsiTables {
  csi_tickets: CsiTicketsRow;
  csi_facts: CsiFactsRow;
  csi_lifecycle_states: LifecycleStatesRow;
}

export const CSI_TABLES = ['csi_tickets', 'csi_facts', 'csi_lifecycle_states'] as const;
