import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../event-store.errors';
import { toStorageError } from './sqlite-storage-errors';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/** What the queue tells its store about each transaction. */
export interface TransactionHooks {
  /** BEGIN IMMEDIATE succeeded: the write lock is held, no other connection can commit now. */
  began(): void;
  /** A transaction in which some writes had succeeded was rolled back as a whole (or its COMMIT failed). */
  abandoned(): void;
  /** COMMIT succeeded, before any caller is answered. */
  committed(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** How the writes were grouped: committed transactions by the number of writes they carried. */
export interface GroupCommitStats {
  transactions: number;
  writes: number;
  /** Committed transactions per batch size (writes in the transaction, failed ones included). */
  batchSizes: Map<number, number>;
}

/** How long SQLite's own (blocking) busy handler may wait per attempt to take the write lock. */
const LOCK_SLICE_MS = 10;
const isBusy = (error: unknown): boolean => String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite
 * transaction, hence one fsync. Each write runs under its own savepoint, so a write that throws
 * (a revision conflict, say) is rolled back alone and fails only its own caller; the others commit.
 *
 * Two rules keep every answer true:
 * - The transaction is `BEGIN IMMEDIATE`: it takes the write lock before reading, so a writer in
 *   another process makes it wait instead of failing a lock upgrade at once (SQLITE_BUSY /
 *   SQLITE_BUSY_SNAPSHOT, which no busy wait covers). The wait is bounded (`lockTimeoutMs`) and
 *   mostly asynchronous: SQLite's busy handler blocks the event loop for at most LOCK_SLICE_MS
 *   per attempt (enough for another process's commit), then the batch is retried on a timer, so
 *   this process keeps serving reads meanwhile and the writes arriving join the waiting batch.
 *   Past the bound, every write of the batch fails with StoreUnavailableError, nothing written.
 * - Some errors make SQLite roll back the whole transaction, not just the statement (SQLITE_FULL,
 *   SQLITE_IOERR, SQLITE_NOMEM...). After a failed write the queue checks `db.inTransaction`: when
 *   the transaction is gone, the writes run before it in this batch were undone too, so the
 *   failing write is failed with its (typed) error and all the others are run again from scratch
 *   in a fresh transaction. Each such round removes one write, so the batch always ends; nothing
 *   ever runs outside a transaction, and a caller is answered only after the COMMIT decided.
 */
export class GroupCommitQueue {
  private pending: PendingWrite[] = [];
  private scheduled: Promise<void> | undefined;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackTo: Database.Statement;
  private readonly busySlice: Database.Statement;
  private readonly busyFull: Database.Statement;
  /** When the waiting batch first found the write lock taken; undefined when not waiting. */
  private lockWaitSince: number | undefined;
  private lockAttempts = 0;
  /** Bounded: one counter per distinct batch size. */
  private readonly batchSizes = new Map<number, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly hooks: TransactionHooks,
    private readonly lockTimeoutMs = 5000,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    // Only BEGIN IMMEDIATE gets the short slice; reads and the rest keep the connection's timeout.
    this.busySlice = db.prepare(`PRAGMA busy_timeout = ${Math.min(LOCK_SLICE_MS, lockTimeoutMs)}`);
    this.busyFull = db.prepare(`PRAGMA busy_timeout = ${Math.floor(lockTimeoutMs)}`);
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT one_write');
    this.release = db.prepare('RELEASE one_write');
    this.rollbackTo = db.prepare('ROLLBACK TO one_write');
  }

  enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: never) => void, reject });
      this.scheduled ??= new Promise<void>((done) =>
        setImmediate(() => {
          this.scheduled = undefined;
          this.flush();
          done();
        }),
      );
    });
  }

  /** Committed transactions and their batch sizes since the queue was made (for the bench and health). */
  stats(): GroupCommitStats {
    let transactions = 0;
    let writes = 0;
    for (const [size, count] of this.batchSizes) {
      transactions += count;
      writes += size * count;
    }
    return { transactions, writes, batchSizes: new Map(this.batchSizes) };
  }

  /** Resolves once every write queued so far has been committed or failed. */
  async drain(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  private flush(): void {
    let round = this.pending;
    this.pending = [];
    while (round.length > 0) {
      const refused = this.beginImmediate();
      if (refused) {
        if (isBusy(refused.error) && this.mayWaitForLock()) return this.retryLater(round);
        const waited = this.lockWaitSince === undefined ? 0 : Date.now() - this.lockWaitSince;
        this.lockWaitSince = undefined;
        const failure = isBusy(refused.error)
          ? new StoreUnavailableError(`Another process held the event store's write lock for ${waited} ms or more; nothing of this write was stored`, refused.error)
          : toStorageError(refused.error);
        for (const item of round) item.reject(failure);
        return;
      }
      this.lockWaitSince = undefined;
      this.lockAttempts = 0;
      this.hooks.began();
      if (round.length === 1) return this.runAlone(round[0]);
      const ran = this.runRound(round);
      if ('aborted' in ran) {
        const { item: failed, error } = ran.aborted;
        this.rollbackIfOpen();
        this.hooks.abandoned();
        failed.reject(toStorageError(error));
        round = round.filter((item) => item !== failed);
        continue;
      }
      this.commitRound(round, ran.outcomes);
      return;
    }
  }

  private beginImmediate(): { error: unknown } | undefined {
    this.busySlice.get();
    try {
      this.begin.run();
      return undefined;
    } catch (error) {
      return { error };
    } finally {
      this.busyFull.get();
    }
  }

  private mayWaitForLock(): boolean {
    this.lockWaitSince ??= Date.now();
    return Date.now() - this.lockWaitSince < this.lockTimeoutMs;
  }

  /** Keeps the batch (first, in arrival order) and tries again on a timer; later writes join it. */
  private retryLater(round: PendingWrite[]): void {
    this.pending = [...round, ...this.pending];
    const delay = Math.min(2 ** this.lockAttempts++, 20);
    this.scheduled = new Promise<void>((done) =>
      setTimeout(() => {
        this.scheduled = undefined;
        this.flush();
        done();
      }, delay),
    );
  }

  /**
   * A write alone in its transaction needs no savepoint (two statements fewer): when it throws,
   * the whole transaction is rolled back, which undoes exactly that write.
   */
  private runAlone(item: PendingWrite): void {
    let value: unknown;
    try {
      value = item.write();
    } catch (error) {
      this.rollbackIfOpen();
      item.reject(toStorageError(error));
      return;
    }
    this.commitRound([item], [{ ok: true, value }]);
  }

  /** Runs each write under its savepoint; stops at the first write whose failure ended the transaction. */
  private runRound(round: PendingWrite[]): { aborted: { item: PendingWrite; error: unknown } } | { outcomes: Outcome[] } {
    const outcomes: Outcome[] = [];
    for (const item of round) {
      try {
        this.savepoint.run();
        const value = item.write();
        this.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (!this.db.inTransaction) return { aborted: { item, error } };
        try {
          this.rollbackTo.run();
          this.release.run();
        } catch {
          return { aborted: { item, error } };
        }
        outcomes.push({ ok: false, error: toStorageError(error) });
      }
    }
    return { outcomes };
  }

  private commitRound(round: PendingWrite[], outcomes: Outcome[]): void {
    try {
      this.commit.run();
    } catch (error) {
      // The COMMIT itself failed (disk full, I/O error): nothing of the round is durable.
      this.rollbackIfOpen();
      this.hooks.abandoned();
      const failure = toStorageError(error);
      for (const item of round) item.reject(failure);
      return;
    }
    this.hooks.committed();
    this.batchSizes.set(round.length, (this.batchSizes.get(round.length) ?? 0) + 1);
    round.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value as never);
      else item.reject(outcome.error);
    });
  }

  private rollbackIfOpen(): void {
    if (!this.db.inTransaction) return;
    try {
      this.rollback.run();
    } catch {
      // SQLite already rolled back, or cannot: either way nothing of this transaction is kept.
    }
  }
}
