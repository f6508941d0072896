import type { DataFinding } from '../data-finding';

/**
 * Refusals of the change data use cases, each with a stable code the API maps to a status by
 * its naming convention (apps/api/src/http/error-status.ts): UNKNOWN_ 404, CONFLICT 409,
 * NOT_ALLOWED 422, INVALID 400; the precondition failure is mapped to 412 by name there.
 */
abstract class ChangeDataError extends Error {
  abstract readonly code: string;
}

/** Well-formed, but a rule of the format is broken (levels not ascending, a window ending before it starts): 422 with the findings. */
export class ChangeDataNotAllowedError extends ChangeDataError {
  readonly code = 'CHANGE.DATA_NOT_ALLOWED';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly findings: DataFinding[],
  ) {
    super(`${kind} ${id} breaks its rules: ${findings.map((f) => `${f.path} ${f.message}`).join('; ')}`);
  }
}

export class ChangeDataVersionConflictError extends ChangeDataError {
  readonly code = 'CHANGE.DATA_VERSION_CONFLICT';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`${kind} ${id} is at version ${actualVersion}, not ${expectedVersion}: someone published since you read it; read it again and re-apply your edit`);
  }
}

/** `If-Match` named a version that is not the live one (412, as HTTP says for a failed precondition). */
export class ChangeDataPreconditionFailedError extends ChangeDataError {
  readonly code = 'CHANGE.DATA_PRECONDITION_FAILED';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`If-Match names version ${expectedVersion} of ${kind} ${id}, but the live version is ${actualVersion}`);
  }
}

export class ChangeDataUnchangedError extends ChangeDataError {
  readonly code = 'CHANGE.DATA_PUBLISH_NOT_ALLOWED';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly version: number,
  ) {
    super(`This ${kind} is identical to the live version ${version} of ${id}: nothing to publish`);
  }
}

export class UnknownChangeDataError extends ChangeDataError {
  readonly code = 'CHANGE.UNKNOWN_DATA';
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly version?: number,
  ) {
    super(`No ${kind} '${id}'${version === undefined ? '' : ` version ${version}`} is published`);
  }
}

export class InvalidChangeDataIdError extends ChangeDataError {
  readonly code = 'CHANGE.INVALID_DATA_ID';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`'${id.slice(0, 80)}' is not a ${kind} id: 1-63 lower-case letters, digits and dashes`);
  }
}
