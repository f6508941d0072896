/**
 * Domain and engine error codes -> HTTP status. Exact codes first; then the naming convention
 * every `<area>.errors.ts` follows, so a new error class maps without touching this file.
 */
const EXACT: Record<string, number> = {
  'WORKFLOW.TRANSITION_NOT_ALLOWED': 422,
  // The engine lacks a lifecycle a stored ticket is pinned to: a server fault, never a 404 (the
  // client named an incident that exists). Clients name processes and versions through the
  // LIFECYCLE.UNKNOWN_* codes, which are the 404s.
  'WORKFLOW.UNKNOWN_LIFECYCLE': 500,
  'WORKFLOW.PINNED_VERSION_MISSING': 500,
  // Published by a newer build (a guard this one lacks): an instance of that build can serve it.
  'WORKFLOW.VERSION_UNUSABLE': 503,
  'ENGINE.REVISION_CONFLICT': 409,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'EVENT_STORE.WRONG_EXPECTED_VERSION': 409,
  'EVENT_STORE.INVALID_ARGUMENT': 400,
  'EVENT_STORE.STREAM_NOT_FOUND': 404,
  'EVENT_STORE.STREAM_DELETED': 410,
  // The store cannot take writes now (disk full, file locked beyond the busy wait, I/O fault):
  // nothing was written, and the same request may succeed later.
  'EVENT_STORE.STORAGE_FULL': 503,
  'EVENT_STORE.UNAVAILABLE': 503,
  'TICKET.ALREADY_OPENED': 409,
  // If-Match named a version of change data that is no longer live.
  'CHANGE.DATA_PRECONDITION_FAILED': 412,
  'LIFECYCLE.INVALID_DEFINITION': 400,
  'LIFECYCLE.INVALID_MAPPING': 400,
  'LIFECYCLE.INVALID_FILTER': 400,
  'LIFECYCLE.UNKNOWN_PROCESS': 404,
  'LIFECYCLE.UNKNOWN_VERSION': 404,
  'LIFECYCLE.UNKNOWN_DRAFT': 404,
  'LIFECYCLE.VERSION_CONFLICT': 409,
  'LIFECYCLE.PUBLISH_NOT_ALLOWED': 422,
  'LIFECYCLE.MIGRATION_NOT_ALLOWED': 422,
  'READ_MODELS.NOT_CAUGHT_UP': 503,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.INVALID_CREDENTIALS': 401,
  'AUTH.TOKEN_EXPIRED': 401,
  'AUTH.CREDENTIAL_REVOKED': 401,
  'AUTH.FORBIDDEN': 403,
  'AUTH.ROLES_NOT_DECLARED': 403,
  'AUTH.ACTOR_HEADER_REFUSED': 400,
  'AUTH.TOO_MANY_FAILURES': 429,
  'AUTH.KEYS_UNAVAILABLE': 503,
  'AUTH.API_KEY_NOT_FOUND': 404,
  'AUTH.API_KEY_REVOKE_NOT_ALLOWED': 422,
};

/** Only the codes that mean "the thing the client named does not exist" are 404s. */
const BY_CONVENTION: [RegExp, number][] = [
  [/\.(NOT_FOUND|UNKNOWN_[A-Z_]+)$/, 404],
  [/\.([A-Z_]+_)?CONFLICT$/, 409],
  [/\.([A-Z_]+_)?NOT_ALLOWED$/, 422],
  [/\.(INVALID|MALFORMED)(_[A-Z_]+)?$/, 400],
];

export function statusOfCode(code: string): number | undefined {
  return EXACT[code] ?? BY_CONVENTION.find(([pattern]) => pattern.test(code))?.[1];
}
