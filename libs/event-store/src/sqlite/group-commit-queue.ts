import type Database from 'better-sqlite3';

interface PendingWrite {
  write: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive in the same turn of the event loop share one SQLite
 * transaction, hence one fsync. Each write runs under its own savepoint (better-sqlite3 nests
 * `transaction()` calls as savepoints), so a write that throws (a revision conflict, say) is
 * rolled back alone and fails only its own caller; the others commit.
 */
export class GroupCommitQueue {
  private pending: PendingWrite[] = [];
  private scheduled: Promise<void> | undefined;
  private readonly runBatch: (batch: PendingWrite[]) => { ok: boolean; value: unknown }[];
  private readonly runOne: (write: () => unknown) => unknown;

  constructor(
    db: Database.Database,
    private readonly afterCommit: () => void,
  ) {
    this.runOne = db.transaction((write: () => unknown) => write());
    this.runBatch = db.transaction((batch: PendingWrite[]) =>
      batch.map((item) => {
        try {
          return { ok: true, value: this.runOne(item.write) };
        } catch (error) {
          return { ok: false, value: error };
        }
      }),
    );
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
    const batch = this.pending;
    this.pending = [];
    let outcomes: { ok: boolean; value: unknown }[];
    try {
      outcomes = this.runBatch(batch);
    } catch (error) {
      // The COMMIT itself failed (disk full, I/O error): nothing of the batch is durable.
      for (const item of batch) item.reject(error);
      return;
    }
    this.afterCommit();
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value as never) : item.reject(outcomes[i].value)));
  }
}
