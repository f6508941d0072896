import type { RuleFinding } from './rules/automation-rule.types';

/** A rule document that does not validate (unknown field, unknown group, ...): 400, nothing written. */
export class AutomationRuleInvalidError extends Error {
  readonly code = 'AUTOMATION.INVALID_RULE';
  constructor(
    readonly id: string,
    readonly errors: RuleFinding[],
  ) {
    super(`Rule ${id} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'AutomationRuleInvalidError';
  }
}

/** The owner reviewed another version than the live one: 409. */
export class AutomationRuleVersionConflictError extends Error {
  readonly code = 'AUTOMATION.VERSION_CONFLICT';
  constructor(
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Rule ${id} is at version ${actualVersion}, not ${expectedVersion}`);
    this.name = 'AutomationRuleVersionConflictError';
  }
}

/** Publishing the live content again changes nothing: 422. */
export class AutomationRulePublishNotAllowedError extends Error {
  readonly code = 'AUTOMATION.PUBLISH_NOT_ALLOWED';
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'AutomationRulePublishNotAllowedError';
  }
}

/** No rule (or no such version) with that id: 404. */
export class UnknownAutomationRuleError extends Error {
  readonly code = 'AUTOMATION.UNKNOWN_RULE';
  constructor(
    readonly id: string,
    readonly version?: number,
  ) {
    super(version === undefined ? `No automation rule '${id}'` : `Rule '${id}' has no version ${version}`);
    this.name = 'UnknownAutomationRuleError';
  }
}
