import type { Observable } from 'rxjs';
import { subscriptionObservable } from '../subscription/subscription-observable';
import type { ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { isTransient } from './esdb-errors';
import { toRecordedEvent } from './esdb-mapping';

/** Exclusive cursor: a `$all` commit position or a stream revision. */
export type SubscriptionCursor = bigint | 'start';

/** What the client's subscribeToAll / subscribeToStream return (a Readable), as far as we use it. */
export interface ClientSubscription {
  on(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  readonly readableLength: number;
  unsubscribe(): Promise<void>;
}

export interface EsdbSubscriptionSource {
  /** Opens a client subscription delivering what comes after `cursor`. */
  open(cursor: SubscriptionCursor, onCheckpoint: (position: bigint) => void): ClientSubscription;
  /** The port's filter on the client side (the server side is in the subscription request). */
  accepts(resolved: ResolvedEvent): boolean;
  /** Where an event, delivered or filtered out, leaves the cursor. */
  cursorOf(resolved: ResolvedEvent): bigint;
  onCheckpoint?: (position: bigint) => void | Promise<void>;
  toPortError(error: unknown): unknown;
}

export interface ReconnectPolicy {
  /** Consecutive failed attempts before the subscription gives up and throws. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 20, initialDelayMs: 100, maxDelayMs: 5_000 };

type Item =
  | { kind: 'event'; resolved: ResolvedEvent }
  | { kind: 'checkpoint'; position: bigint }
  | { kind: 'caughtUp' }
  | { kind: 'end'; error?: unknown };

const HIGH_WATER = 512;
const LOW_WATER = 128;

/**
 * One client subscription, turned into one ordered queue of events, checkpoints and caught-up.
 * The client reports checkpoints and caught-up from inside its Transform, while events it has
 * already pushed may still sit in the Transform's readable buffer; such a marker is held back until
 * those events have come out, so that a checkpoint never overtakes an event before it (a
 * projection saving it would otherwise skip that event after a crash).
 */
class OrderedFeed {
  private readonly items: Item[] = [];
  private readonly held: { item: Item; behind: number }[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private paused = false;
  private readonly stream: ClientSubscription;

  constructor(open: (onCheckpoint: (position: bigint) => void) => ClientSubscription) {
    this.stream = open((position) => this.mark({ kind: 'checkpoint', position }));
    this.stream.on('data', (resolved: ResolvedEvent) => {
      this.push({ kind: 'event', resolved });
      for (const marker of this.held) marker.behind -= 1;
      this.release();
    });
    this.stream.on('caughtUp', () => this.mark({ kind: 'caughtUp' }));
    this.stream.on('error', (error: unknown) => this.end(error));
    this.stream.on('end', () => this.end(undefined));
    this.stream.on('close', () => this.end(undefined));
  }

  async next(): Promise<Item> {
    while (this.items.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    const item = this.items.shift() as Item;
    if (this.paused && this.items.length <= LOW_WATER) {
      this.paused = false;
      this.stream.resume();
    }
    return item;
  }

  /** Wakes a pending `next()` with an end item (used by unsubscribe). */
  interrupt(): void {
    this.end(undefined);
  }

  close(): void {
    this.end(undefined);
    void this.stream.unsubscribe().catch(() => undefined);
    // Precaution: let the cancelled call drain instead of sitting paused on unread messages (a
    // client read abandoned that way never finished and made dispose() wait forever; see readAll).
    if (this.paused) {
      this.paused = false;
      this.stream.resume();
    }
  }

  private mark(item: Item): void {
    const behind = this.stream?.readableLength ?? 0;
    if (behind === 0 && this.held.length === 0) this.push(item);
    else this.held.push({ item, behind });
  }

  private release(): void {
    while (this.held.length > 0 && this.held[0].behind <= 0) this.push((this.held.shift() as { item: Item }).item);
  }

  private end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    // Markers still held came after events lost with the stream: they must not be delivered.
    this.held.length = 0;
    this.items.push({ kind: 'end', error });
    this.signal();
  }

  private push(item: Item): void {
    if (this.ended) return;
    this.items.push(item);
    if (!this.paused && this.items.length >= HIGH_WATER) {
      // Backpressure: the client stops reading the gRPC stream and HTTP/2 flow control stops the server.
      this.paused = true;
      this.stream.pause();
    }
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * A catch-up subscription over the client that survives a dropped connection: on a transient
 * error it re-subscribes after the last event (or checkpoint) it delivered, so the consumer sees
 * no gap and no duplicate. Errors about the data (stream deleted, access denied) end it.
 */
export class EsdbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private failCaughtUp!: (error: unknown) => void;
  private closed = false;
  private iterating = false;
  private feed: OrderedFeed | undefined;
  private lastCheckpoint: bigint | undefined;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private cursor: SubscriptionCursor,
    private readonly policy: ReconnectPolicy = DEFAULT_RECONNECT,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.markCaughtUp = resolve;
      this.failCaughtUp = reject;
    });
    // A subscription that fails before catching up rejects `caughtUp`; nobody has to await it.
    this.caughtUp.catch(() => undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    let failures = 0;
    try {
      while (!this.closed) {
        const feed = (this.feed = new OrderedFeed((onCheckpoint) => this.source.open(this.cursor, onCheckpoint)));
        let dropped: unknown;
        try {
          for (;;) {
            const item = await feed.next();
            if (this.closed) return;
            if (item.kind === 'end') {
              dropped = item.error ?? new Error('EventStoreDB ended the subscription');
              break;
            }
            if (item.kind === 'caughtUp') {
              failures = 0;
              this.markCaughtUp();
            } else if (item.kind === 'checkpoint') {
              await this.checkpoint(item.position);
            } else {
              failures = 0;
              this.cursor = this.source.cursorOf(item.resolved);
              if (this.source.accepts(item.resolved)) yield toRecordedEvent(item.resolved);
            }
          }
        } finally {
          feed.close();
        }
        if (!isTransient(dropped) || ++failures > this.policy.maxAttempts) throw this.source.toPortError(dropped);
        await this.sleep(Math.min(this.policy.initialDelayMs * 2 ** (failures - 1), this.policy.maxDelayMs));
      }
    } catch (error) {
      this.failCaughtUp(error);
      throw error;
    } finally {
      this.closed = true;
    }
  }

  toObservable(): Observable<RecordedEvent> {
    return subscriptionObservable(this);
  }

  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.feed?.close();
    for (const wake of this.sleepers) wake();
  }

  private async checkpoint(position: bigint): Promise<void> {
    // The server never goes backwards; a repeat (e.g. after a reconnect) is not reported twice.
    if (this.lastCheckpoint !== undefined && position <= this.lastCheckpoint) return;
    this.lastCheckpoint = position;
    if (this.cursor === 'start' || position > this.cursor) this.cursor = position;
    await this.source.onCheckpoint?.(position);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
