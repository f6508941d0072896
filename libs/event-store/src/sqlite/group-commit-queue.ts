import type Database from 'better-sqlite3';
import { toStorageError } from './sqlite-storage-errors';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite
 * transaction, hence one fsync. Each write runs under its own savepoint, so a write that throws
 * (a revision conflict, say) is rolled back alone and fails only its own caller; the others commit.
 *
 * Two rules keep every answer true:
 * - The transaction is `BEGIN IMMEDIATE`: it takes the write lock before reading, so a writer in
 *   another process makes it wait (SQLite's busy handler, bounded by `busy_timeout`) instead of
 *   failing a lock upgrade at once (SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT, which no busy wait covers).
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

  constructor(
    private readonly db: Database.Database,
    private readonly afterCommit: () => void,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
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

  /** Resolves once every write queued so far has been committed or failed. */
  async drain(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  private flush(): void {
    let round = this.pending;
    this.pending = [];
    while (round.length > 0) {
      try {
        this.begin.run();
      } catch (error) {
        // The write lock stayed taken beyond busy_timeout (or the file is unusable): nothing ran.
        const failure = toStorageError(error);
        for (const item of round) item.reject(failure);
        return;
      }
      const ran = this.runRound(round);
      if ('aborted' in ran) {
        const { item: failed, error } = ran.aborted;
        this.rollbackIfOpen();
        failed.reject(toStorageError(error));
        round = round.filter((item) => item !== failed);
        continue;
      }
      this.commitRound(round, ran.outcomes);
      return;
    }
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
      const failure = toStorageError(error);
      for (const item of round) item.reject(failure);
      return;
    }
    this.afterCommit();
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
