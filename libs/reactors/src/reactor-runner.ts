import { unwrap, type Clock, type CommandPipeline, type StoredEvent } from '@itil/engine';
import { START, WrongExpectedVersionError, type EventStore, type Position, type Subscription } from '@itil/event-store';
import type { Reaction, ReactionOutcome, Reactor, ReactorContext } from './reactor';
import { readCheckpoint, writeCheckpoint, type StoredCheckpoint } from './reactor-checkpoint';

export interface ReactorRunnerOptions {
  /** Write progress after this many events (and when caught up, and on stop). */
  checkpointEvery?: number;
  /** Attempts for a reaction that fails for a reason other than a domain refusal. */
  attempts?: number;
  /** Backoff before a retry: `attempt => ms`. Tests pass `() => 0`. */
  backoff?: (attempt: number) => number;
  onOutcome?: (event: StoredEvent, outcome: ReactionOutcome) => void;
  onError?: (error: unknown) => void;
}

export interface ReactorStatus {
  reactor: string;
  state: 'starting' | 'running' | 'stopped' | 'failed';
  /** The last `$all` position handled (undefined before the first). */
  position: Position | undefined;
  checkpoint: Position | undefined;
  handled: number;
  outcomes: Record<ReactionOutcome['outcome'], number>;
  lastError: string | null;
}

/** A refusal by the domain (a lifecycle or policy said no) ends the reaction; anything else is retried. */
const isRefusal = (error: unknown): error is Error & { code: string } => {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && !code.startsWith('STORE.') && code !== 'ENGINE.REVISION_CONFLICT';
};

/**
 * Runs one reactor over `$all` from its stored checkpoint, through the port (so on either store).
 * Each reaction is sent as `policy:<name>` (or the reaction's own actor) with the idempotency key `<event id>#<n>` and causation
 * the triggering event: acting again on an event (after a crash, or by a second runner) replays
 * the first result and writes nothing. A reaction that keeps failing stops the runner at that
 * event (state `failed`), so nothing is skipped in silence; a restart takes it up again.
 */
export class ReactorRunner {
  private subscription: Subscription | undefined;
  private checkpoint: StoredCheckpoint = { position: undefined, revision: 'no_stream' };
  private sinceCheckpoint = 0;
  private saving: Promise<void> = Promise.resolve();
  private readonly waiters: { position: Position; resolve: () => void }[] = [];
  private readonly status_: ReactorStatus;

  constructor(
    private readonly store: EventStore,
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    private readonly reactor: Reactor,
    private readonly options: ReactorRunnerOptions = {},
  ) {
    this.status_ = { reactor: reactor.name, state: 'starting', position: undefined, checkpoint: undefined, handled: 0, outcomes: { written: 0, 'already-done': 0, refused: 0 }, lastError: null };
  }

  get actor(): string {
    return `policy:${this.reactor.name}`;
  }

  status(): ReactorStatus {
    return { ...this.status_, outcomes: { ...this.status_.outcomes } };
  }

  /** Runs until stop() (resolves then) or a reaction that cannot be done (rejects). */
  async run(): Promise<void> {
    this.checkpoint = await readCheckpoint(this.store, this.reactor.name);
    this.status_.checkpoint = this.status_.position = this.checkpoint.position;
    this.subscription = this.store.subscribeToAll({
      fromPosition: this.checkpoint.position ?? START,
      filter: this.reactor.filter,
      onCheckpoint: (position) => this.advance(position),
    });
    this.status_.state = 'running';
    void this.subscription.caughtUp.then(() => this.saveProgress(), () => undefined);
    try {
      for await (const recorded of this.subscription) {
        await this.handle(this.view(unwrap(recorded)));
        this.advance(recorded.position);
        if (++this.sinceCheckpoint >= (this.options.checkpointEvery ?? 50)) await this.saveProgress();
      }
      await this.saveProgress();
      this.status_.state = 'stopped';
    } catch (error) {
      this.status_.state = 'failed';
      this.status_.lastError = String(error);
      this.options.onError?.(error);
      await this.subscription.unsubscribe();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
  }

  /** Resolves once every event up to `position` has been handled (tests, read-your-writes). */
  handled(position: Position): Promise<void> {
    if (this.status_.position !== undefined && this.status_.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private async handle(event: StoredEvent): Promise<void> {
    const context: ReactorContext = { readState: (decider, streamId) => this.pipeline.readState(decider, streamId) };
    const reactions = await this.retrying(() => this.reactor.react(event, context));
    for (const [n, reaction] of reactions.entries()) {
      const outcome = await this.retrying(() => this.send(event, n, reaction));
      this.status_.outcomes[outcome.outcome]++;
      this.options.onOutcome?.(event, outcome);
    }
    this.status_.handled++;
  }

  private async send(event: StoredEvent, n: number, reaction: Reaction): Promise<ReactionOutcome> {
    const command = { ...reaction.command, metadata: { actor: reaction.actor ?? this.actor, now: this.clock.now() } };
    try {
      const result = await this.pipeline.run(reaction.decider, reaction.streamId, command, {
        idempotencyKey: `${event.id}#${n}`,
        causationId: event.id,
        correlationId: event.envelope?.correlationId ?? event.id,
      });
      return result.replayed ? { outcome: 'already-done', streamId: reaction.streamId } : { outcome: 'written', streamId: reaction.streamId, events: result.events.length };
    } catch (error) {
      if (isRefusal(error)) return { outcome: 'refused', streamId: reaction.streamId, code: error.code, message: error.message };
      throw error;
    }
  }

  private async retrying<T>(work: () => Promise<T> | T): Promise<T> {
    const attempts = this.options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= attempts) throw error;
        this.status_.lastError = String(error);
        const ms = (this.options.backoff ?? ((a) => 100 * 2 ** a))(attempt);
        if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      }
    }
  }

  private advance(position: Position): void {
    if (this.status_.position !== undefined && position <= this.status_.position) return;
    this.status_.position = position;
    for (const waiter of [...this.waiters]) {
      if (waiter.position <= position) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** One write at a time: the catch-up signal and the event loop both save progress. */
  private saveProgress(): Promise<void> {
    const next = this.saving.then(() => this.saveNow());
    this.saving = next.catch(() => undefined);
    return next;
  }

  /** Writes progress; a second runner's write in between is taken into account, never overwritten backwards. */
  private async saveNow(): Promise<void> {
    const position = this.status_.position;
    if (position === undefined || (this.checkpoint.position !== undefined && position <= this.checkpoint.position)) return;
    try {
      this.checkpoint = await writeCheckpoint(this.store, this.reactor.name, position, this.checkpoint);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another runner wrote (or the stream was soft-deleted): go on from what the store says.
      const stored = await readCheckpoint(this.store, this.reactor.name);
      this.checkpoint = { position: stored.position, revision: stored.revision === 'no_stream' ? error.actual : stored.revision };
      if (this.checkpoint.position === undefined || position > this.checkpoint.position) this.checkpoint = await writeCheckpoint(this.store, this.reactor.name, position, this.checkpoint);
    }
    this.sinceCheckpoint = 0;
    this.status_.checkpoint = this.checkpoint.position;
  }

  private view(event: StoredEvent): StoredEvent {
    return this.pipeline.upcasters.upcast(event) ?? event;
  }
}
