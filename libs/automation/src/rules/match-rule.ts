import { CONDITION_FIELDS, type RuleKind, type VersionedRule } from './automation-rule.types';

/** What a rule can see of a ticket: its process and the values its conditions name. */
export interface TicketFacts {
  process: string;
  service?: unknown;
  category?: unknown;
  configurationItem?: unknown;
  /** A standard change's template id. */
  template?: unknown;
}

/**
 * The rule of `kind` that applies to a ticket: among the enabled rules of its process whose every
 * condition equals the ticket's value, the first by `order` (then id, so the answer never depends
 * on the order rules were read in). Pure: the same rules and facts give the same rule version.
 */
export function matchRule<R extends VersionedRule>(rules: readonly R[], kind: RuleKind, facts: TicketFacts): R | undefined {
  return rules
    .filter((r) => r.kind === kind && r.enabled && r.process === facts.process)
    .filter((r) => CONDITION_FIELDS.every((field) => r.when[field] === undefined || r.when[field] === facts[field]))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))[0];
}
