import { START, type EventStore, type Position, type RecordedEvent, type Subscription } from '@itil/event-store';
import type { LifecycleCatalog, LifecycleVersion, UnusableVersion } from '@itil/workflow';
import { asMachineConfig } from './definition/lifecycle-json';
import { LIFECYCLE_STREAM_PREFIX, type LifecycleVersionPublished } from './versions/lifecycle.events';

export interface FollowOptions {
  /** Where to start (exclusive): take it before loading the catalog, so no publish falls between. */
  fromPosition: Position | typeof START;
  /** Called for each version added, e.g. to log it. */
  onAdded?: (version: LifecycleVersion) => void;
  /** Called for a published version this build cannot run; the follower records it and goes on. */
  onUnusable?: (version: UnusableVersion) => void;
  /** Called when the subscription fails or ends; the follower subscribes again after `restartInMs`. */
  onError?: (error: unknown, restartInMs: number) => void;
  /** Called each time the follower has subscribed again after a failure. */
  onRestarted?: (restarts: number) => void;
  /** First delay before subscribing again after a failure; doubles up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/** What `/health` reports about the follower. */
export interface FollowerState {
  following: boolean;
  /** `$all` position read up to (a decimal string), null before the first. */
  position: string | null;
  unusableVersions: UnusableVersion[];
  lastError: string | null;
  restarts: number;
}

const PUBLISHED: LifecycleVersionPublished['type'] = 'LifecycleVersionPublished';

/**
 * Keeps a running engine's catalog in step with versions published elsewhere: another API
 * instance on the same EventStoreDB, or the CLI on the same file. A version this build cannot
 * run is recorded as unusable and skipped, so later versions still arrive; a failed subscription
 * is opened again from the last position read, so the catalog never stops following for good.
 */
export class LifecycleFollower {
  private position: Position | typeof START;
  private subscription?: Subscription;
  private following = false;
  private lastError: string | null = null;
  private restarts = 0;
  private stopped = false;
  private wakeUp?: () => void;
  private readonly done: Promise<void>;
  private waiters: { position: Position; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly catalog: LifecycleCatalog,
    private readonly options: FollowOptions,
  ) {
    this.position = options.fromPosition;
    this.done = this.run();
  }

  state(): FollowerState {
    return {
      following: this.following,
      position: this.position === START ? null : this.position.toString(),
      unusableVersions: this.catalog.unusableVersions(),
      lastError: this.lastError,
      restarts: this.restarts,
    };
  }

  /** Resolves once the follower has read `$all` up to `position` (tests and start-up wait on it). */
  reached(position: Position): Promise<void> {
    if (this.position !== START && this.position >= position) return Promise.resolve();
    const reached = new Promise<void>((resolve) => this.waiters.push({ position, resolve }));
    void this.skipQuietStretch(position);
    return reached;
  }

  /** Stops following (before the store closes) and waits for the loop to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    const initialDelay = this.options.restartDelayMs ?? 100;
    let delay = initialDelay;
    while (!this.stopped) {
      try {
        this.subscription = this.store.subscribeToAll({
          fromPosition: this.position,
          // By stream, so that the store wakes the follower only for commits to `lifecycle-`
          // streams, not after every ticket written (the type is checked in take()).
          filter: { streamNamePrefixes: [LIFECYCLE_STREAM_PREFIX] },
          onCheckpoint: (position) => this.advance(position),
        });
        if (this.restarts > 0 || this.lastError !== null) this.options.onRestarted?.(this.restarts);
        this.following = true;
        for await (const recorded of this.subscription) {
          this.take(recorded);
          this.advance(recorded.position);
          delay = initialDelay;
        }
        if (this.stopped) break;
        throw new Error('the lifecycle subscription ended');
      } catch (error) {
        this.following = false;
        if (this.stopped) break;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error, delay);
        await this.pause(delay);
        delay = Math.min(delay * 2, this.options.maxRestartDelayMs ?? 10_000);
        this.restarts += 1;
      }
    }
    this.following = false;
  }

  /**
   * The store wakes the follower only for commits to `lifecycle-` streams, so its position stays
   * behind while only tickets are written. With no `lifecycle-` event between it and `position`,
   * the catalog is already in step up to `position`: one read says so, once per `reached` call.
   */
  private async skipQuietStretch(position: Position): Promise<void> {
    try {
      const from = this.position === START ? START : this.position + 1n;
      const next = await this.store.readAll({ fromPosition: from, filter: { streamNamePrefixes: [LIFECYCLE_STREAM_PREFIX] }, maxCount: 1 });
      if (next.length === 0 || next[0].position > position) this.advance(position);
    } catch {
      // The store is closing or failing: the subscription's own progress still resolves waiters.
    }
  }

  private advance(position: Position): void {
    if (this.position !== START && position <= this.position) return;
    this.position = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }

  private take(recorded: RecordedEvent): void {
    if (recorded.type !== PUBLISHED) return;
    const data = recorded.data as LifecycleVersionPublished['data'];
    // Versions already loaded (or published by this instance) arrive again: skip them.
    if (this.catalog.has(data.process, data.version)) return;
    if (this.catalog.unusableVersions().some((u) => u.machineId === data.process && u.version === data.version)) return;
    const version: LifecycleVersion = { machineId: data.process, version: data.version, contentHash: data.contentHash, config: asMachineConfig(data.definition as never) };
    const outcome = this.catalog.offer(version);
    if ('lifecycle' in outcome) this.options.onAdded?.(version);
    else this.options.onUnusable?.(outcome.unusable);
  }

  /** Waits before subscribing again; `stop` cuts the wait short. The timer never holds the process open. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export function followPublishedLifecycles(store: EventStore, catalog: LifecycleCatalog, options: FollowOptions): LifecycleFollower {
  return new LifecycleFollower(store, catalog, options);
}

/** Injection token of the running follower (read by `/health`). */
export const LIFECYCLE_FOLLOWER = Symbol('LIFECYCLE_FOLLOWER');
