export * from './automation.errors';
export * from './rules/automation-rule.types';
export * from './rules/automation-rule.events';
export * from './rules/automation-rule.decider';
export * from './rules/validate-rule';
export * from './rules/match-rule';
export * from './rules/rule-book';
export * from './reactors/auto-assign.reactor';
