/**
 * Domain and engine error codes -> HTTP status. Exact codes first; then the naming convention
 * every `<area>.errors.ts` follows, so a new error class maps without touching this file.
 */
const EXACT: Record<string, number> = {
  'WORKFLOW.TRANSITION_NOT_ALLOWED': 422,
  'ENGINE.REVISION_CONFLICT': 409,
  'EVENT_STORE.WRONG_EXPECTED_VERSION': 409,
  'EVENT_STORE.INVALID_ARGUMENT': 400,
  'EVENT_STORE.STREAM_NOT_FOUND': 404,
  'EVENT_STORE.STREAM_DELETED': 410,
  'INCIDENT.NOT_FOUND': 404,
  'INCIDENT.ALREADY_LOGGED': 409,
  'TICKET.ALREADY_OPENED': 409,
  'LIFECYCLE.INVALID_DEFINITION': 400,
  'LIFECYCLE.INVALID_MAPPING': 400,
  'LIFECYCLE.INVALID_FILTER': 400,
  'LIFECYCLE.UNKNOWN_PROCESS': 404,
  'LIFECYCLE.UNKNOWN_VERSION': 404,
  'LIFECYCLE.UNKNOWN_DRAFT': 404,
  'LIFECYCLE.VERSION_CONFLICT': 409,
  'LIFECYCLE.PUBLISH_NOT_ALLOWED': 422,
  'LIFECYCLE.MIGRATION_NOT_ALLOWED': 422,
};

const BY_CONVENTION: [RegExp, number][] = [
  [/\.(NOT_FOUND|UNKNOWN_[A-Z_]+)$/, 404],
  [/\.([A-Z_]+_)?CONFLICT$/, 409],
  [/\.([A-Z_]+_)?NOT_ALLOWED$/, 422],
  [/\.(INVALID|MALFORMED)(_[A-Z_]+)?$/, 400],
];

export function statusOfCode(code: string): number | undefined {
  return EXACT[code] ?? BY_CONVENTION.find(([pattern]) => pattern.test(code))?.[1];
}
