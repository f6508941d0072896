import type { LifecycleFinding } from './validation/lifecycle-finding';

/**
 * Domain errors of lifecycle administration, each with a stable code. HTTP statuses (mapped by
 * the API's problem+json filter): INVALID_* 400, UNKNOWN_* 404, *_CONFLICT 409, *_NOT_ALLOWED 422.
 */
export class LifecycleDefinitionInvalidError extends Error {
  readonly code = 'LIFECYCLE.INVALID_DEFINITION';
  constructor(
    readonly process: string,
    readonly findings: LifecycleFinding[],
  ) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(`The ${process} lifecycle definition has ${errors.length} error(s): ${errors.map((f) => `${f.path}: ${f.message}`).join(' | ')}`);
    this.name = 'LifecycleDefinitionInvalidError';
  }
}

export class LifecycleVersionConflictError extends Error {
  readonly code = 'LIFECYCLE.VERSION_CONFLICT';
  constructor(
    readonly process: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`The ${process} lifecycle is at version ${actualVersion}, not ${expectedVersion}: someone published meanwhile. Review the latest version, then retry with expectedVersion ${actualVersion}.`);
    this.name = 'LifecycleVersionConflictError';
  }
}

export class UnknownProcessError extends Error {
  readonly code = 'LIFECYCLE.UNKNOWN_PROCESS';
  constructor(
    readonly process: string,
    readonly knownProcesses: string[] = [],
  ) {
    super(`Unknown process '${process}'${knownProcesses.length ? `; known: ${knownProcesses.join(', ')}` : ''}`);
    this.name = 'UnknownProcessError';
  }
}

export class UnknownLifecycleVersionError extends Error {
  readonly code = 'LIFECYCLE.UNKNOWN_VERSION';
  constructor(
    readonly process: string,
    readonly version: number,
  ) {
    super(`The ${process} lifecycle has no version ${version}`);
    this.name = 'UnknownLifecycleVersionError';
  }
}

export class UnknownDraftError extends Error {
  readonly code = 'LIFECYCLE.UNKNOWN_DRAFT';
  constructor(
    readonly process: string,
    readonly draft: number,
  ) {
    super(`The ${process} lifecycle has no open draft ${draft}`);
    this.name = 'UnknownDraftError';
  }
}

/** Publishing a definition identical to the live version would only add noise to the history. */
export class PublishNotAllowedError extends Error {
  readonly code = 'LIFECYCLE.PUBLISH_NOT_ALLOWED';
  constructor(
    readonly process: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'PublishNotAllowedError';
  }
}

/** A mapping that names states the source or target version does not have. */
export class InvalidMigrationMappingError extends Error {
  readonly code = 'LIFECYCLE.INVALID_MAPPING';
  constructor(readonly findings: LifecycleFinding[]) {
    super(`Invalid state mapping: ${findings.map((f) => `${f.path}: ${f.message}`).join(' | ')}`);
    this.name = 'InvalidMigrationMappingError';
  }
}

/** A reason a migration is refused, shaped like a validation finding. */
export interface MigrationFinding extends Omit<LifecycleFinding, 'code'> {
  code: 'STRANDED_TICKETS' | 'MISSING_REQUIRED_FIELDS';
}

/**
 * The mapping would leave tickets in states the target version lacks, or in states whose
 * required fields they lack (`invalidTickets` lists those, up to a limit): nothing is written.
 */
export class MigrationNotAllowedError extends Error {
  readonly code = 'LIFECYCLE.MIGRATION_NOT_ALLOWED';
  constructor(
    readonly findings: MigrationFinding[],
    readonly strandedTickets: number,
    readonly invalidTickets: { streamId: string; fromState: string; toState: string; missingFields: string[] }[] = [],
  ) {
    super(
      invalidTickets.length > 0
        ? `Migration refused: ${strandedTickets} ticket(s) would lack fields their new state requires. ${findings.map((f) => f.message).join(' ')}`
        : `Migration refused: ${strandedTickets} ticket(s) would be left in states the target version lacks. ${findings.map((f) => f.message).join(' ')}`,
    );
    this.name = 'MigrationNotAllowedError';
  }
}

/** A what-if or migration filter that cannot be read (e.g. a date that is not ISO 8601). */
export class InvalidTicketFilterError extends Error {
  readonly code = 'LIFECYCLE.INVALID_FILTER';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTicketFilterError';
  }
}
