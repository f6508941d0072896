/**
 * One thing a process owner should fix (error) or look at (warning), with the JSON path of the
 * spot in the definition, e.g. `$.states.assigned.on.START_WORK.guard`. Errors block publishing.
 */
export type FindingCode =
  | 'MALFORMED_JSON'
  | 'DUPLICATE_KEY'
  | 'SCHEMA'
  | 'PROCESS_MISMATCH'
  | 'MISSING_INITIAL'
  | 'UNKNOWN_INITIAL'
  | 'UNKNOWN_TARGET'
  | 'UNKNOWN_GUARD'
  | 'UNKNOWN_ACTION'
  | 'DUPLICATE_ID'
  | 'UNREACHABLE_STATE'
  | 'DEAD_END'
  | 'FINAL_CATEGORY'
  | 'FINAL_SLA'
  | 'UNKNOWN_FIELD_EVENT'
  | 'UNSETTABLE_FIELD'
  | 'XSTATE_REJECTED'
  | 'GRAPH_NOT_CHECKED'
  | 'INVALID_MAPPING'
  | 'STRANDED_TICKETS'
  | 'SHADOWED_TRANSITION'
  | 'SELF_TRANSITION_ENTRY'
  | 'UNKNOWN_FIELD'
  | 'PIN_TYPE'
  | 'UNPINNED_VALUE'
  | 'MISSING_FACT_NAME'
  | 'BAD_FACT_NAME'
  | 'DUPLICATE_FACT_NAME'
  | 'RESERVED_EVENT_NAME';

export type Severity = 'error' | 'warning';

export interface LifecycleFinding {
  path: string;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export const errorsIn = (findings: LifecycleFinding[]): LifecycleFinding[] => findings.filter((f) => f.severity === 'error');

/** `$.states.x: message` lines, one per finding, errors first. */
export function formatFindings(findings: LifecycleFinding[]): string {
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return sorted.map((f) => `${f.severity === 'error' ? 'error  ' : 'warning'} ${f.path}  ${f.message} [${f.code}]`).join('\n');
}
