import type { SlaFinding } from './documents/sla-finding';

/**
 * Errors of SLA administration, each with a stable code. HTTP statuses follow the API's naming
 * convention: INVALID_* 400, UNKNOWN_* 404, *_CONFLICT 409, *_NOT_ALLOWED 422.
 */
export class SlaDocumentInvalidError extends Error {
  readonly code: 'SLA.INVALID_CALENDAR' | 'SLA.INVALID_POLICY';
  constructor(
    readonly kind: 'calendar' | 'policy',
    readonly documentName: string,
    readonly findings: SlaFinding[],
  ) {
    super(`The ${kind} ${documentName} has ${findings.length} problem(s): ${findings.map((f) => `${f.path}: ${f.message}`).join(' | ')}`);
    this.code = kind === 'calendar' ? 'SLA.INVALID_CALENDAR' : 'SLA.INVALID_POLICY';
    this.name = 'SlaDocumentInvalidError';
  }
}

export class SlaInvalidNameError extends Error {
  readonly code = 'SLA.INVALID_NAME';
  constructor(kind: string, name: string) {
    super(`${JSON.stringify(name.slice(0, 80))} is not a usable ${kind} name: 1-63 lower-case letters, digits and dashes, starting with a letter or digit`);
    this.name = 'SlaInvalidNameError';
  }
}

export class SlaVersionConflictError extends Error {
  readonly code = 'SLA.VERSION_CONFLICT';
  constructor(
    readonly kind: string,
    readonly documentName: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`The ${kind} ${documentName} is at version ${actualVersion}, not ${expectedVersion}: someone published meanwhile. Review version ${actualVersion}, then retry with expectedVersion ${actualVersion}.`);
    this.name = 'SlaVersionConflictError';
  }
}

export class SlaPublishNotAllowedError extends Error {
  readonly code = 'SLA.PUBLISH_NOT_ALLOWED';
  constructor(message: string) {
    super(message);
    this.name = 'SlaPublishNotAllowedError';
  }
}

export class UnknownSlaDocumentError extends Error {
  readonly code: 'SLA.UNKNOWN_CALENDAR' | 'SLA.UNKNOWN_POLICY';
  constructor(kind: 'calendar' | 'policy', name: string, what = '') {
    super(`Unknown ${kind} ${name}${what}`);
    this.code = kind === 'calendar' ? 'SLA.UNKNOWN_CALENDAR' : 'SLA.UNKNOWN_POLICY';
    this.name = 'UnknownSlaDocumentError';
  }
}

export class UnknownSlaDraftError extends Error {
  readonly code = 'SLA.UNKNOWN_DRAFT';
  constructor(kind: string, name: string, draft: number) {
    super(`The ${kind} ${name} has no open draft ${draft}`);
    this.name = 'UnknownSlaDraftError';
  }
}

export class UnknownTicketError extends Error {
  readonly code = 'SLA.UNKNOWN_TICKET';
  constructor(readonly stream: string) {
    super(`No ticket stream ${stream}`);
    this.name = 'UnknownTicketError';
  }
}

/** A re-baseline of a ticket that has no clock to re-baseline or no policy to apply. */
export class RebaselineNotAllowedError extends Error {
  readonly code = 'SLA.REBASELINE_NOT_ALLOWED';
  constructor(message: string) {
    super(message);
    this.name = 'RebaselineNotAllowedError';
  }
}
