import { readAllPages, type EventStore, type Position } from '@itil/event-store';
import type { AutomationRule, RuleKind, VersionedRule } from './automation-rule.types';
import { RULE_PUBLISHED, RULE_STREAM_PREFIX, type AutomationRulePublishedData } from './automation-rule.events';

interface Publication {
  position: Position;
  rule: VersionedRule;
}

/**
 * Every published version of every rule with the `$all` position it was recorded at. The rules
 * in effect for a trigger are those published before the trigger's position, so a new version
 * applies to new triggers only, and a replay after a crash picks the same version as the first run.
 */
export class RuleBook {
  private readonly byId = new Map<string, Publication[]>();

  apply(event: { type: string; data: unknown; position: Position }): void {
    if (event.type !== RULE_PUBLISHED) return;
    const d = event.data as AutomationRulePublishedData;
    const list = this.byId.get(d.id) ?? [];
    if (list.some((p) => p.rule.version === d.version)) return;
    list.push({ position: event.position, rule: { ...(d.rule as unknown as AutomationRule), version: d.version } });
    this.byId.set(d.id, list);
  }

  /** The latest version of each rule recorded strictly before `position` (of one kind, when given). */
  at(position: Position, kind?: RuleKind): VersionedRule[] {
    const out: VersionedRule[] = [];
    for (const list of this.byId.values()) {
      const live = list.filter((p) => p.position < position).at(-1);
      if (live && (kind === undefined || live.rule.kind === kind)) out.push(live.rule);
    }
    return out;
  }
}

/**
 * A RuleBook kept up to date from the store on demand: asked about a trigger at position p, it
 * reads the rule streams first if it has not read since p was written. Positions are commit
 * ordered, so a read made after p is visible holds every rule recorded before p.
 */
export class RuleBookReader {
  private readonly book = new RuleBook();
  private readFrom: Position | undefined;
  private coveredUpTo: Position = -1n;

  constructor(private readonly store: EventStore) {}

  async at(position: Position, kind?: RuleKind): Promise<VersionedRule[]> {
    if (position > this.coveredUpTo) {
      for await (const page of readAllPages(this.store, { fromPosition: this.readFrom, filter: { streamNamePrefixes: [RULE_STREAM_PREFIX] } })) {
        for (const e of page) this.book.apply(e);
        this.readFrom = page[page.length - 1].position;
      }
      this.coveredUpTo = position;
    }
    return this.book.at(position, kind);
  }
}
