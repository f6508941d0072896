import type { DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';

/**
 * Each rule id has a stream `automation-rule-<id>` of published versions; every event carries the
 * whole document, so any version is rebuilt from the log alone, and the log position of a
 * publication says which triggers it applies to (those recorded after it).
 */
export const RULE_STREAM_PREFIX = 'automation-rule-';
export const ruleStream = (id: string): string => `${RULE_STREAM_PREFIX}${id}`;
export const RULE_PUBLISHED = 'AutomationRulePublished';

export interface AutomationRulePublishedData extends JsonObject {
  id: string;
  version: number;
  contentHash: string;
  rule: JsonObject;
  publishedBy: string;
  publishedAt: string;
  notes: string;
}

export type AutomationRulePublished = DomainEvent<typeof RULE_PUBLISHED, AutomationRulePublishedData>;
