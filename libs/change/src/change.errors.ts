import type { DataFinding } from './data-finding';

/** Change enablement's refusals, each with a stable code (mapped to problem+json by the API). */
export abstract class ChangeError extends Error {
  abstract readonly code: string;
  /** 400: the input is malformed; 422: well-formed but not allowed now. */
  abstract readonly status: 400 | 422;
  readonly details: Record<string, unknown> = {};
}

export class InvalidChangeDataError extends ChangeError {
  readonly code = 'CHANGE.INVALID_DATA';
  readonly status = 400;
  constructor(
    readonly kind: string,
    readonly findings: DataFinding[],
  ) {
    super(`${kind} is not valid: ${findings.map((f) => `${f.path} ${f.message}`).join('; ')}`);
    this.details.findings = findings;
  }
}

export class RiskAnswersInvalidError extends ChangeError {
  readonly code = 'CHANGE.RISK_ANSWERS_INVALID';
  readonly status = 422;
  constructor(readonly findings: DataFinding[]) {
    super(`The risk questionnaire's answers are incomplete or wrong: ${findings.map((f) => `${f.path} ${f.message}`).join('; ')}`);
    this.details.findings = findings;
  }
}

export class ApprovalRefusedError extends ChangeError {
  readonly status = 422;
  constructor(
    readonly code: 'CHANGE.ALREADY_DECIDED' | 'CHANGE.APPROVER_CONFLICT' | 'CHANGE.NOT_AN_APPROVER' | 'CHANGE.REASON_REQUIRED',
    message: string,
  ) {
    super(message);
  }
}

export class InvalidWindowError extends ChangeError {
  readonly code = 'CHANGE.INVALID_WINDOW';
  readonly status = 400;
  constructor(message: string, path = '$') {
    super(message);
    this.details.path = path;
  }
}

export class FreezeWindowError extends ChangeError {
  readonly code = 'CHANGE.FREEZE_WINDOW';
  readonly status = 422;
  constructor(readonly windows: { id: string; start: string; end: string; reason: string }[]) {
    super(`The planned window falls in freeze window(s) ${windows.map((w) => `${w.id} (${w.reason})`).join(', ')}; only an emergency change with a justification may proceed`);
    this.details.freezeWindows = windows;
  }
}
