/**
 * Errors of the improvement register, each with a stable code. HTTP statuses follow the API's
 * naming convention: INVALID_* 400, UNKNOWN_* 404, *_CONFLICT 409, *_NOT_ALLOWED 422.
 */

/** One problem with one input value, located by a JSON path (`$.dueDate`). */
export interface InputIssue {
  path: string;
  message: string;
}

/** Input no state could accept: wrong type, unknown field, unknown metric, dates out of order. */
export class ImprovementInputInvalidError extends Error {
  readonly code = 'IMPROVEMENT.INVALID_INPUT';
  constructor(readonly errors: InputIssue[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ImprovementInputInvalidError';
  }
}

export class UnknownInitiativeError extends Error {
  readonly code = 'IMPROVEMENT.UNKNOWN_INITIATIVE';
  constructor(readonly id: string) {
    super(`Unknown improvement initiative '${id.slice(0, 100)}'`);
    this.name = 'UnknownInitiativeError';
  }
}

/** The initiative was closed already (achieved or abandoned): the register keeps it as it ended. */
export class InitiativeClosedConflictError extends Error {
  readonly code = 'IMPROVEMENT.ALREADY_CLOSED_CONFLICT';
  constructor(
    readonly id: string,
    readonly state: string,
  ) {
    super(`Improvement initiative '${id}' is closed (${state}): it takes no further change`);
    this.name = 'InitiativeClosedConflictError';
  }
}

/** Well formed, but the measured figures forbid it (a target no better than the baseline, "achieved" when it is not). */
export class ImprovementNotAllowedError extends Error {
  readonly code = 'IMPROVEMENT.CHANGE_NOT_ALLOWED';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'ImprovementNotAllowedError';
  }
}

/** The service or owner it names does not exist or cannot be used (retired service, inactive user). */
export class ImprovementReferenceError extends Error {
  readonly code = 'IMPROVEMENT.REFERENCE_NOT_ALLOWED';
  constructor(readonly errors: InputIssue[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ImprovementReferenceError';
  }
}

/** An initiative with this id exists (a creation retried with another body lands here). */
export class InitiativeExistsConflictError extends Error {
  readonly code = 'IMPROVEMENT.ALREADY_REGISTERED_CONFLICT';
  constructor(readonly id: string) {
    super(`Improvement initiative '${id}' is already registered`);
    this.name = 'InitiativeExistsConflictError';
  }
}
