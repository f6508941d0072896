import type { BusinessCalendar } from '@itil/business-time';

/**
 * Automation rules (issue 17 item 8) are versioned data: each id has a stream of published
 * versions, and the version that matched a trigger is the actor of what the rule writes
 * (`rule:<id>@<version>`). Three kinds remove the repetitive work the brief names.
 */
export const RULE_KINDS = ['auto-assign', 'auto-close', 'standard-change-approval'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Facts of a ticket a rule may match on; every condition given must equal the ticket's value. */
export const CONDITION_FIELDS = ['service', 'category', 'configurationItem', 'template'] as const;
export type RuleConditions = Partial<Record<(typeof CONDITION_FIELDS)[number], string>>;

interface RuleBase {
  id: string;
  description?: string;
  /** Lower runs first; ties by id. The first matching rule of a kind applies, the others do not. */
  order: number;
  /** A version with `enabled: false` switches the rule off for triggers from then on. */
  enabled: boolean;
  /** The process whose tickets it acts on (`incident`, `service-request`, `change`, ...). */
  process: string;
  when: RuleConditions;
}

export interface AutoAssignRule extends RuleBase {
  kind: 'auto-assign';
  then: { assignmentGroup: string; assignee?: string };
}

export interface AutoCloseRule extends RuleBase {
  kind: 'auto-close';
  /** Close this much business time after the resolution, in the rule's own calendar, unless reopened. */
  then: { businessMinutes: number; calendar: BusinessCalendar };
}

export interface StandardChangeApprovalRule extends RuleBase {
  kind: 'standard-change-approval';
  then: Record<string, never>;
}

export type AutomationRule = AutoAssignRule | AutoCloseRule | StandardChangeApprovalRule;

/** A rule as published: its document and the version number the log gave it. */
export type VersionedRule<R extends AutomationRule = AutomationRule> = R & { version: number };

/** Who a rule's facts name as their actor. */
export const ruleActor = (rule: { id: string; version: number }): string => `rule:${rule.id}@${rule.version}`;

/** One finding at a JSON path of the rule document. */
export interface RuleFinding {
  path: string;
  code: 'UNKNOWN_FIELD' | 'REQUIRED' | 'WRONG_TYPE' | 'NOT_IN_ENUM' | 'OUT_OF_RANGE' | 'UNKNOWN_REFERENCE' | 'INACTIVE_REFERENCE' | 'NOT_A_MEMBER' | 'INVALID_CALENDAR';
  message: string;
}
