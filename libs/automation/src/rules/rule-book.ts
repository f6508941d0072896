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
    // Learnt in any order (a version seen live before the first full read): keep log order.
    list.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
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
 * The rule book of a reactor. It reads every published version once, on the first question, and
 * then learns new ones from the reactor's own subscription (`observe`: the reactor's filter takes
 * the rule streams too), so a trigger costs no query. Every version recorded before a trigger is
 * known when the trigger is handled: it was either read at the start or delivered before it, since
 * the subscription delivers in log order.
 */
export class RuleBookReader {
  private readonly book = new RuleBook();
  private primed = false;

  constructor(private readonly store: EventStore) {}

  /** Stream prefixes the reactor subscribes to besides its own. */
  static readonly prefixes = [RULE_STREAM_PREFIX];

  /** True (and learnt) when the event is a rule version: the reactor has nothing else to do with it. */
  observe(event: { streamId: string; type: string; data: unknown; position: Position }): boolean {
    if (!event.streamId.startsWith(RULE_STREAM_PREFIX)) return false;
    this.book.apply(event);
    return true;
  }

  async at(position: Position, kind?: RuleKind): Promise<VersionedRule[]> {
    if (!this.primed) {
      for await (const page of readAllPages(this.store, { filter: { streamNamePrefixes: [RULE_STREAM_PREFIX] } })) for (const e of page) this.book.apply(e);
      this.primed = true;
    }
    return this.book.at(position, kind);
  }
}
