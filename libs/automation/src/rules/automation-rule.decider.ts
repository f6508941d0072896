import { createHash } from 'node:crypto';
import { canonicalJson, knowsTypes, type Command, type Decider } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';
import { AutomationRuleInvalidError, AutomationRulePublishNotAllowedError, AutomationRuleVersionConflictError } from '../automation.errors';
import { RULE_PUBLISHED, type AutomationRulePublished, type AutomationRulePublishedData } from './automation-rule.events';
import { validateRule, type RuleContext } from './validate-rule';

/** Publish the next version of a rule; `expectedVersion` is the live version the owner reviewed (0 for a new id). */
export type PublishAutomationRule = Command<'PublishAutomationRule', { rule: unknown; expectedVersion: number; notes?: string; context: RuleContext }>;

export interface RuleHistory {
  id: string;
  versions: AutomationRulePublishedData[];
}

export const initialRuleHistory = (): RuleHistory => ({ id: '', versions: [] });
export const liveVersionOf = (h: RuleHistory): number => h.versions.at(-1)?.version ?? 0;
const contentHashOf = (rule: unknown): string => `sha256:${createHash('sha256').update(canonicalJson(rule)).digest('hex')}`;

function decide(c: PublishAutomationRule, h: RuleHistory): AutomationRulePublished[] {
  const checked = validateRule(c.data.rule, c.data.context);
  const id = String((c.data.rule as { id?: unknown } | null)?.id ?? '');
  if (!checked.valid) throw new AutomationRuleInvalidError(id, checked.findings);
  if (c.data.expectedVersion !== liveVersionOf(h)) throw new AutomationRuleVersionConflictError(id, c.data.expectedVersion, liveVersionOf(h));
  const rule = checked.rule as unknown as JsonObject;
  const contentHash = contentHashOf(rule);
  if (contentHash === h.versions.at(-1)?.contentHash) throw new AutomationRulePublishNotAllowedError(id, `Rule ${id} is identical to its live version ${liveVersionOf(h)}: nothing to publish`);
  const data: AutomationRulePublishedData = { id, version: liveVersionOf(h) + 1, contentHash, rule, publishedBy: c.metadata.actor, publishedAt: c.metadata.now.toISOString(), notes: c.data.notes ?? '' };
  return [{ type: RULE_PUBLISHED, data }];
}

/** The decider of `automation-rule-<id>` streams. */
export const automationRuleDecider: Decider<PublishAutomationRule, AutomationRulePublished, RuleHistory> = {
  initialState: initialRuleHistory,
  evolve: (h, e) => ({ id: e.data.id, versions: [...h.versions, e.data] }),
  knows: knowsTypes<AutomationRulePublished>([RULE_PUBLISHED]),
  decide,
};
