import type { Kysely } from 'kysely';
import type { LifecyclePublishedFact } from '../events/ticket-facts';
import { insertRows } from '../database/row-changes';
import type { LifecycleStatesRow } from './tickets/tickets.tables';
import type { LruCache } from '../database/lru-cache';
import type { BatchMemory } from './batch-memory';

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

  private readonly remembered: LruCache<Map<string, StateMeaning>> | undefined;

  /** `table`: the projection's own logical name for its copy (each projection rebuilds alone). */
  constructor(
    private readonly table: 'lifecycle_states' | 'csi_lifecycle_states',
    memory?: BatchMemory,
  ) {
    this.remembered = memory?.cache(1);
  }

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

  /**
   * For a batch of events: every stored meaning read once (a few rows per published version),
   * then looked up and recorded in memory; `flush` writes what the batch published.
   */
  async batch(anyTx: Tx): Promise<MeaningsBatch> {
    const known = this.remembered?.get('all');
    if (known) return new MeaningsBatch(this.table, [], known);
    const rows = await (anyTx as Kysely<WithLifecycleStates>).selectFrom(this.table as 'lifecycle_states').select(['lifecycle_id', 'version', 'state', 'category', 'sla']).execute();
    const batch = new MeaningsBatch(this.table, rows);
    this.remembered?.set('all', batch.known);
    return batch;
  }
}

const keyOf = (id: string, version: number, state: string): string => `${id}@${version}#${state}`;

/** The meanings one batch sees: those stored before it and those its own events published. */
export class MeaningsBatch {
  private readonly published: LifecycleStatesRow[] = [];

  /** `known`: the meanings remembered from the batches before (shared: a batch that fails is forgotten with them). */
  constructor(
    private readonly table: string,
    stored: readonly Pick<LifecycleStatesRow, 'lifecycle_id' | 'version' | 'state' | 'category' | 'sla'>[],
    readonly known = new Map<string, StateMeaning>(),
  ) {
    for (const r of stored) this.known.set(keyOf(r.lifecycle_id, Number(r.version), r.state), { category: r.category, sla: r.sla });
  }

  /** Unknown (not published, yet) reads as no category and no clock, as `LifecycleMeanings.of` does. */
  of(lifecycle: { id: string; version: number }, state: string): StateMeaning {
    return this.known.get(keyOf(lifecycle.id, Number(lifecycle.version), state)) ?? { category: null, sla: null };
  }

  /** A published version: the first record of a state wins (the stored rows are insert-or-ignore). */
  record(fact: LifecyclePublishedFact): void {
    for (const s of fact.states) {
      const key = keyOf(fact.process, fact.version, s.state);
      if (this.known.has(key)) continue;
      this.known.set(key, { category: s.category, sla: s.sla });
      this.published.push({ lifecycle_id: fact.process, version: fact.version, state: s.state, category: s.category, sla: s.sla, final: s.final ? 1 : 0 });
    }
  }

  async flush(anyTx: Tx): Promise<void> {
    if (this.published.length > 0) await insertRows(anyTx, this.table, this.published);
  }
}
