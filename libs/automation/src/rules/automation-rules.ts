import type { CommandPipeline } from '@itil/engine';
import { readAllPages, type EventStore } from '@itil/event-store';
import type { ReferenceResolver } from '@itil/tickets';
import { AutomationRuleInvalidError, UnknownAutomationRuleError } from '../automation.errors';
import { automationRuleDecider, type RuleHistory } from './automation-rule.decider';
import { RULE_PUBLISHED, RULE_STREAM_PREFIX, ruleStream, type AutomationRulePublishedData } from './automation-rule.events';
import { RULE_ID, referencesOf, validateRule, type RuleContext } from './validate-rule';

export interface PublishRequest {
  rule: unknown;
  expectedVersion: number;
  notes?: string;
}

/**
 * Publishing and reading rule versions, for the HTTP edge and the CLI: the references a rule
 * names are resolved first, the document is validated (findings at JSON paths, nothing written),
 * and the next version is appended with the expected revision of its stream.
 */
export class AutomationRules {
  constructor(
    private readonly store: EventStore,
    private readonly pipeline: CommandPipeline,
    private readonly references: ReferenceResolver,
    private readonly processes: readonly string[],
  ) {}

  async context(rule: unknown): Promise<RuleContext> {
    return { processes: this.processes, references: await this.references.resolve(referencesOf(rule)) };
  }

  async publish(request: PublishRequest, who: { actor: string; now: Date; idempotencyKey?: string; correlationId?: string }): Promise<AutomationRulePublishedData> {
    const context = await this.context(request.rule);
    // Validated before the stream is named from the id: a bad id never names a stream.
    const checked = validateRule(request.rule, context);
    const id = String((request.rule as { id?: unknown } | null)?.id ?? '');
    if (!checked.valid) throw new AutomationRuleInvalidError(id, checked.findings);
    if (!RULE_ID.test(id)) throw new AutomationRuleInvalidError(id, [{ path: '$.id', code: 'WRONG_TYPE', message: 'lower-case letters, digits and hyphens' }]);
    const result = await this.pipeline.run(
      automationRuleDecider,
      ruleStream(id),
      { type: 'PublishAutomationRule', data: { rule: request.rule, expectedVersion: request.expectedVersion, notes: request.notes, context }, metadata: { actor: who.actor, now: who.now } },
      { idempotencyKey: who.idempotencyKey, correlationId: who.correlationId },
    );
    return result.state.versions.at(-1)!;
  }

  /** Every rule's live version, by order then id (the order the matcher tries them in). */
  async list(): Promise<AutomationRulePublishedData[]> {
    const live = new Map<string, AutomationRulePublishedData>();
    for await (const page of readAllPages(this.store, { filter: { streamNamePrefixes: [RULE_STREAM_PREFIX] } })) {
      for (const e of page) if (e.type === RULE_PUBLISHED) live.set((e.data as AutomationRulePublishedData).id, e.data as AutomationRulePublishedData);
    }
    const order = (d: AutomationRulePublishedData) => (d.rule as { order: number }).order;
    return [...live.values()].sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  }

  async history(id: string): Promise<RuleHistory> {
    if (!RULE_ID.test(id)) throw new UnknownAutomationRuleError(id);
    const { state } = await this.pipeline.readState(automationRuleDecider, ruleStream(id));
    if (state.versions.length === 0) throw new UnknownAutomationRuleError(id);
    return state;
  }

  async version(id: string, version: number): Promise<AutomationRulePublishedData> {
    const found = (await this.history(id)).versions.find((v) => v.version === version);
    if (!found) throw new UnknownAutomationRuleError(id, version);
    return found;
  }
}
