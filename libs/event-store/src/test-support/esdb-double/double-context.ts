import type { ServerWritableStream } from '@grpc/grpc-js';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../../event-store.port';

/** Wakes live subscriptions after a write; they re-read the store (a wake-up never carries events). */
export class CommitSignal {
  private wake!: () => void;
  private generation = this.newGeneration();

  /** Resolves at the next commit; every waiter of one generation shares one promise. */
  next(): Promise<void> {
    return this.generation;
  }

  fire(): void {
    const wake = this.wake;
    this.generation = this.newGeneration();
    wake();
  }

  /** Waits for the next commit, or `ms` at most (writes made around the double are polled). */
  async waitForCommit(next: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([next, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  private newGeneration(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }
}

export interface DoubleContext {
  store: EventStore;
  commits: CommitSignal;
  /** Open Read calls that are subscriptions, so a test can drop them all. */
  subscriptions: Set<ServerWritableStream<unknown, unknown>>;
  /** Polls the store for writes made around the double (e.g. by another process on the file). */
  pollIntervalMs: number;
  /** Events read per page by catch-up and by subscriptions without a filter window. */
  pageSize: number;
  /**
   * `$all` as a server holds it, system events included (`$metadata` in `$$<stream>`, tombstones
   * `$streamDeleted`): the port's readAll hides them, a server's `$all` does not.
   */
  readLog: (options: ReadAllOptions) => Promise<RecordedEvent[]>;
  /** EventStoreDB's MaxAppendSize (default 1 MiB): a larger append is refused, nothing written. */
  maxAppendSize: number;
}

/** A store that can read its log with system events (the embedded store does). */
export interface SystemEventLog {
  readLog(options: ReadAllOptions): Promise<RecordedEvent[]>;
}

export const hasSystemEventLog = (store: EventStore): store is EventStore & SystemEventLog =>
  typeof (store as Partial<SystemEventLog>).readLog === 'function';
