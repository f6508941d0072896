import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@itil/event-store';
import type { SqlDialect } from '../database/read-model-db';

export interface ApplyContext {
  dialect: SqlDialect;
  /** The generation whose tables the rows go to. */
  generation: number;
  /**
   * The checkpoint these events follow (null: the generation's first). A projection may remember
   * rows between its batches while each starts where the last one it applied ended (see BatchMemory).
   */
  after: bigint | null;
}

/**
 * A projection: a name, a version, the tables it owns and how one event changes them. The runner
 * gives `apply` a transaction whose logical table names point at this generation's physical
 * tables, and commits the rows together with the checkpoint.
 *
 * `apply` must be deterministic (a rebuild reproduces the same rows) and must ignore events it
 * does not understand rather than throw: a throw means "this event cannot be projected", it is
 * retried and then parked for an operator.
 */
export interface Projection<DB = unknown> {
  name: string;
  /** Bump it when the rows it writes change meaning: the runner rebuilds from zero beside the live tables. */
  version: number;
  /** Logical names of its tables (`tickets`); each generation gets `tickets_g<generation>`. */
  tables: readonly string[];
  /** Creates this generation's tables, under the physical names given. */
  createTables(db: Kysely<unknown>, names: Readonly<Record<string, string>>, dialect: SqlDialect): Promise<void>;
  apply(tx: Kysely<DB>, event: RecordedEvent, context: ApplyContext): Promise<void>;
  /**
   * Optional, for speed: the same effect as `apply` on each event in turn, with a few multi-row
   * statements per table instead of a few per event. The batch folds the pages of events it is
   * given into in-memory rows (e.g. with `RowChanges`), each event seeing what the events before
   * it did, and `flush` writes them. The runner uses it when present: one page on the live tail;
   * while catching up, many pages in one transaction, so a row that many of them change is read
   * and written once. When it throws, the runner rolls the batch back and applies those events in
   * smaller batches, then one by one with `apply`, to find the failing event.
   */
  openBatch?(tx: Kysely<DB>, context: ApplyContext): ProjectionBatch;
}

/** One transaction's work of a projection: pages of the log folded in memory, written once. */
export interface ProjectionBatch {
  /** Folds the next events of the log (they follow those added before) into the batch's rows. */
  add(events: readonly RecordedEvent[]): Promise<void>;
  /** Writes every row the batch changed; the runner commits them with the checkpoint. */
  flush(): Promise<void>;
  /** How many rows it holds in memory: the runner ends a batch over pages before it holds too many. */
  held(): number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;

/** `apply` for a projection with `openBatch`: a batch of one event. */
export function applyInBatch<DB>(openBatch: NonNullable<Projection<DB>['openBatch']>): Projection<DB>['apply'] {
  return async (tx, event, context) => {
    const batch = openBatch(tx, context);
    await batch.add([event]);
    await batch.flush();
  };
}
