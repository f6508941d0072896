import type { Kysely } from 'kysely';
import type { LifecyclePublishedFact } from '../events/ticket-facts';
import type { LifecycleStatesRow } from './tickets/tickets.tables';

export interface StateMeaning {
  category: string | null;
  sla: string | null;
}

type WithLifecycleStates = { lifecycle_states: LifecycleStatesRow };
/** Any projection's transaction whose tables include `lifecycle_states`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx = Kysely<any>;

/** Categories whose items are no longer open work. */
const DONE = new Set(['resolved', 'closed', 'cancelled']);
export const isOpenCategory = (category: string | null): boolean => category === null || !DONE.has(category);

/**
 * What a state means (category, SLA clock), from the published lifecycle versions the projection
 * itself has read from the log: a rebuild needs nothing but the log. A published version never
 * changes, so what was read once is kept in memory.
 */
export class LifecycleMeanings {
  private readonly cache = new Map<string, StateMeaning>();

  /** `table`: the projection's own logical name for its copy (each projection rebuilds alone). */
  constructor(private readonly table: 'lifecycle_states' | 'csi_lifecycle_states') {}

  async record(anyTx: Tx, fact: LifecyclePublishedFact): Promise<void> {
    if (fact.states.length === 0) return;
    const tx = anyTx as Kysely<WithLifecycleStates>;
    await tx
      .insertInto(this.table as 'lifecycle_states')
      .values(fact.states.map((s) => ({ lifecycle_id: fact.process, version: fact.version, state: s.state, category: s.category, sla: s.sla, final: s.final ? 1 : 0 })))
      .onConflict((oc) => oc.columns(['lifecycle_id', 'version', 'state']).doNothing())
      .execute();
  }

  async of(anyTx: Tx, lifecycle: { id: string; version: number }, state: string): Promise<StateMeaning> {
    const key = `${lifecycle.id}@${lifecycle.version}#${state}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await (anyTx as Kysely<WithLifecycleStates>)
      .selectFrom(this.table as 'lifecycle_states')
      .select(['category', 'sla'])
      .where('lifecycle_id', '=', lifecycle.id)
      .where('version', '=', lifecycle.version)
      .where('state', '=', state)
      .executeTakeFirst();
    // Not published (yet): unknown meaning, not cached, so a later publish is seen.
    if (!row) return { category: null, sla: null };
    const meaning = { category: row.category, sla: row.sla };
    this.cache.set(key, meaning);
    return meaning;
  }
}
