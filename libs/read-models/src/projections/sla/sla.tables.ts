/** The SLA definitions a projection has read from the log (policies, calendars, lifecycle versions), by position. */
export interface SlaDefinitionsRow {
  position: string;
  type: string;
  data_json: string;
}

/** One ticket's SLA fold (`@itil/sla`'s `TicketSla`, as JSON), keyed by the ticket's stream. */
export interface SlaFoldsRow {
  stream_id: string;
  fold_json: string;
}
