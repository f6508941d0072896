import type { ReferenceKind } from './reference-kinds';

/**
 * Errors of reference data, each with a stable code. HTTP statuses follow the naming convention
 * of the API's problem+json filter: INVALID_* 400, *NOT_FOUND/UNKNOWN_* 404, *_CONFLICT 409,
 * *_NOT_ALLOWED 422.
 */
export class ReferenceNotFoundError extends Error {
  readonly code: string;
  constructor(
    readonly kind: ReferenceKind,
    readonly id: string,
  ) {
    super(`Unknown ${kind} '${id}'`);
    this.code = `REFERENCE_DATA.UNKNOWN_${kind.toUpperCase().replace(/-/g, '_')}`;
    this.name = 'ReferenceNotFoundError';
  }
}

/** A record with this id exists already (ids are chosen by the caller, so a retry lands here). */
export class ReferenceAlreadyExistsConflictError extends Error {
  readonly code = 'REFERENCE_DATA.ALREADY_EXISTS_CONFLICT';
  constructor(
    readonly kind: ReferenceKind,
    readonly id: string,
  ) {
    super(`A ${kind} with id '${id}' already exists`);
    this.name = 'ReferenceAlreadyExistsConflictError';
  }
}

/** The request is well formed but the record's current state forbids it (e.g. retired service). */
export class ReferenceChangeNotAllowedError extends Error {
  readonly code = 'REFERENCE_DATA.CHANGE_NOT_ALLOWED';
  constructor(
    readonly kind: ReferenceKind,
    readonly id: string,
    readonly reason: string,
  ) {
    super(`${kind} '${id}': ${reason}`);
    this.name = 'ReferenceChangeNotAllowedError';
  }
}

/** One problem with one input value, located by a JSON path (`$.form.cost`). */
export interface InputIssue {
  path: string;
  message: string;
}

/** Input that no state could accept: wrong type, bad id, unknown field. */
export class ReferenceInputInvalidError extends Error {
  readonly code = 'REFERENCE_DATA.INVALID_INPUT';
  constructor(readonly errors: InputIssue[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ReferenceInputInvalidError';
  }
}

/** A record points at another that does not exist or cannot be used (inactive user, retired service). */
export class ReferenceUnusableError extends Error {
  readonly code = 'REFERENCE_DATA.REFERENCE_NOT_ALLOWED';
  constructor(readonly errors: InputIssue[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ReferenceUnusableError';
  }
}
