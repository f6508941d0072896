import type { Observable } from 'rxjs';
import { subscriptionObservable } from './subscription-observable';
import type { RecordedEvent, Subscription } from '../event-store.port';

/** One page read after a cursor. `cursor` is how far the read got, matching or not. */
export interface Page<C> {
  events: RecordedEvent[];
  cursor: C;
  /** True when the page reached the current end of the log. */
  atEnd: boolean;
}

export interface PullSubscriptionSource<C> {
  readPage(after: C): Promise<Page<C>>;
  /**
   * Registers a wake-up callback fired after a local commit that wrote something this
   * subscription follows (the source decides: a commit elsewhere in the log does not wake it);
   * returns its removal.
   */
  onCommit(listener: () => void): () => void;
  /**
   * Optional: registers a callback for a local commit that wrote nothing this subscription
   * follows while no other connection committed since its last read, with the cursor of the
   * head after it. A subscription waiting at the head moves its cursor there without reading
   * (so a waiter on a position is answered); returns its removal.
   */
  onQuietCommit?(listener: (head: C) => void): () => void;
  /** Poll interval for writers in other processes sharing the same file. */
  pollIntervalMs: number;
  /** Whether a poll would find anything new (another process committed since the last read); omitted: always poll. */
  pollNeeded?: () => boolean;
  onCheckpoint?: (cursor: C) => void | Promise<void>;
}

/**
 * A catch-up subscription that always pulls from the log by cursor. History and live events come
 * through the same read, so the hand-over from catch-up to live cannot open a gap or deliver an
 * event twice, whatever appends race it: a commit only wakes the reader, it never pushes events.
 */
export class PullSubscription<C> implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private closed = false;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private iterating = false;
  /** Where a quiet commit moved the head while this subscription waited there (see onQuietCommit). */
  private skipTo: C | undefined;

  constructor(
    private readonly source: PullSubscriptionSource<C>,
    private cursor: C,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    const removeListener = this.source.onCommit(() => this.signal());
    const removeQuiet = this.source.onQuietCommit?.((head) => this.quiet(head));
    try {
      while (!this.closed) {
        if (this.skipTo !== undefined) {
          // Nothing this subscription follows lies between its cursor and `skipTo`: no read.
          this.cursor = this.skipTo;
          this.skipTo = undefined;
          if (this.source.onCheckpoint) await this.source.onCheckpoint(this.cursor);
          await this.waitForCommit();
          continue;
        }
        const page = await this.source.readPage(this.cursor);
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        const moved = page.cursor !== this.cursor;
        this.cursor = page.cursor;
        if (moved && this.source.onCheckpoint) await this.source.onCheckpoint(this.cursor);
        if (page.atEnd) {
          this.markCaughtUp();
          await this.waitForCommit();
        }
      }
    } finally {
      removeListener();
      removeQuiet?.();
      this.closed = true;
    }
  }

  toObservable(): Observable<RecordedEvent> {
    return subscriptionObservable(this);
  }

  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.signal();
  }

  /** Only while waiting at the head; otherwise a read decides (the head may have moved meanwhile). */
  private quiet(head: C): void {
    if (this.skipTo !== undefined) {
      this.skipTo = head; // woken for an earlier quiet commit and not yet moved: move further
    } else if (this.wake && !this.pendingWake) {
      this.skipTo = head;
      this.wake();
    } else {
      this.signal();
    }
  }

  private signal(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private waitForCommit(): Promise<void> {
    if (this.pendingWake || this.closed) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pendingWake = false;
        resolve();
      };
      const poll = (): void => {
        if (this.closed || !this.source.pollNeeded || this.source.pollNeeded()) return done();
        timer = setTimeout(poll, this.source.pollIntervalMs);
        timer.unref?.();
      };
      let timer = setTimeout(poll, this.source.pollIntervalMs);
      timer.unref?.();
      this.wake = done;
    });
  }
}
