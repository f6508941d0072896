import { sql, type Kysely } from 'kysely';
import type { EventStore, RecordedEvent } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import type { RunnerTables } from '../database/runner-tables';
import { physicalNames, TableRenamerPlugin } from '../database/table-renamer.plugin';
import { promoteGeneration, targetGeneration, type Generation } from './generations';
import { releaseLease, renewLease, tryAcquireLease } from './lease';
import { parkEvent } from './parking';
import { positionText } from '../events/position-text';
import type { AnyProjection } from './projection';
import { ApplyFailedError, BatchFailedError, CheckpointMovedError, LeaseLostError } from './projection.errors';

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RunnerOptions {
  store: EventStore;
  rm: ReadModelDb;
  projection: AnyProjection;
  /** Who holds the lease (e.g. `projector:<host>:<pid>`); unique per process. */
  holder: string;
  batchSize?: number;
  leaseTtlMs?: number;
  /** Attempts on a failing event before it is parked (default 3). */
  maxAttempts?: number;
  /** Wait before attempt n (2, 3...); default 200 ms doubling. */
  backoffMs?: (attempt: number) => number;
  nowMs?: () => number;
  logger?: RunnerLogger;
  onProgress?: (p: RunnerProgress) => void;
}

export interface RunnerProgress {
  projection: string;
  generation: number;
  role: Generation['role'];
  position: bigint | null;
  eventsSeen: number;
}

export type StepOutcome = 'progressed' | 'caught-up' | 'parked' | 'lease-lost';

const silent: RunnerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Advances one projection by batches read from `$all` through the port (so it runs on either
 * store): each batch's rows and the checkpoint commit in one transaction, whose first statement
 * compares and sets the checkpoint and whose second renews the lease. A crash anywhere leaves
 * the checkpoint and the rows agreeing; an event is never applied twice nor skipped unseen.
 */
export class ProjectionRunner {
  readonly name: string;
  private readonly batchSize: number;
  private readonly leaseTtlMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly nowMs: () => number;
  private readonly logger: RunnerLogger;

  constructor(private readonly options: RunnerOptions) {
    this.name = options.projection.name;
    this.batchSize = options.batchSize ?? 500;
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffMs = options.backoffMs ?? ((n) => 200 * 2 ** (n - 2));
    this.nowMs = options.nowMs ?? Date.now;
    this.logger = options.logger ?? silent;
  }

  private get db(): Kysely<RunnerTables> {
    return this.options.rm.db;
  }

  private nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }

  acquire(): Promise<boolean> {
    return tryAcquireLease(this.db, this.name, this.options.holder, this.nowMs(), this.leaseTtlMs);
  }

  renew(): Promise<boolean> {
    return renewLease(this.db, this.name, this.options.holder, this.nowMs(), this.leaseTtlMs);
  }

  release(): Promise<void> {
    return releaseLease(this.db, this.name, this.options.holder);
  }

  /** The generation to advance (creating it on a first run or a version bump). Call while holding the lease. */
  target(): Promise<Generation> {
    return targetGeneration(this.options.rm, this.options.projection, this.nowIso());
  }

  /**
   * One batch: read after the checkpoint, apply, commit. When the batch fails, it is applied
   * again one event at a time to find the failing event; that event is retried alone with
   * backoff (after committing the events before it), then parked: the generation stops there.
   */
  async step(): Promise<StepOutcome> {
    const gen = await this.target();
    if (gen.parked) return 'parked';
    const from = gen.position === null ? null : BigInt(gen.position);
    const page = await this.readPage(from);
    if (page.length === 0) {
      if (gen.role === 'building') await this.promote(gen);
      return 'caught-up';
    }
    try {
      await this.commit(gen, page, from);
      return 'progressed';
    } catch (error) {
      if (!(error instanceof BatchFailedError)) return this.afterFailure(gen, page, from, error);
      this.logger.warn(`${this.name}: a batch of ${page.length} events failed (${messageOf(error.cause)}); applying them one by one to find the failing event`);
      try {
        await this.commit(gen, page, from, true);
        return 'progressed';
      } catch (narrowed) {
        return this.afterFailure(gen, page, from, narrowed);
      }
    }
  }

  private async afterFailure(gen: Generation, page: RecordedEvent[], from: bigint | null, error: unknown): Promise<StepOutcome> {
    if (error instanceof LeaseLostError) return 'lease-lost';
    if (error instanceof CheckpointMovedError) return 'progressed';
    if (!(error instanceof ApplyFailedError)) throw error;
    return this.retryOrPark(gen, page, from, error);
  }

  /** Runs until the projection has passed the head as it was when called (a rebuild, a test). */
  async catchUp(): Promise<StepOutcome> {
    for (;;) {
      const outcome = await this.step();
      if (outcome !== 'progressed') return outcome;
    }
  }

  private async retryOrPark(gen: Generation, page: RecordedEvent[], from: bigint | null, failure: ApplyFailedError): Promise<StepOutcome> {
    let checkpoint = from;
    if (failure.index > 0) {
      const before = page.slice(0, failure.index);
      // One by one, as they just succeeded: the events before the failing one are never lost.
      await this.commit(gen, before, from, true);
      checkpoint = before[before.length - 1].position;
    }
    const event = page[failure.index];
    let lastError: unknown = failure.cause;
    for (let attempt = 2; attempt <= this.maxAttempts; attempt++) {
      this.logger.warn(`${this.name}: event ${event.id} (${event.type} at ${event.position}) failed: ${String(messageOf(lastError))}; attempt ${attempt} of ${this.maxAttempts}`);
      await delay(this.backoffMs(attempt));
      try {
        await this.commit(await this.target(), [event], checkpoint);
        return 'progressed';
      } catch (error) {
        if (error instanceof LeaseLostError) return 'lease-lost';
        if (error instanceof CheckpointMovedError) return 'progressed';
        if (!(error instanceof ApplyFailedError)) throw error;
        lastError = error.cause;
      }
    }
    const text = lastError instanceof Error ? (lastError.stack ?? lastError.message) : String(lastError);
    await parkEvent(this.db, gen, checkpoint, event, text, this.maxAttempts, this.nowIso());
    this.logger.error(
      `${this.name}: PARKED event ${event.id} (${event.type} on ${event.streamId} at ${event.position}) after ${this.maxAttempts} attempts: ${messageOf(lastError)}. ` +
        `The projection waits for an operator: 'projections retry ${this.name}' or 'projections skip ${this.name}'.`,
    );
    return 'parked';
  }

  /** `oneByOne`: apply each event with `apply` (finds the failing event of a batch), not `applyBatch`. */
  private async commit(gen: Generation, events: RecordedEvent[], from: bigint | null, oneByOne = false): Promise<void> {
    const last = events[events.length - 1];
    const names = physicalNames(this.options.projection.tables, gen.generation);
    const dialect = this.options.rm.dialect;
    await this.db.transaction().execute(async (tx) => {
      // First statement: compare-and-set the checkpoint. It takes the row's write lock, so
      // batches of one projection serialise, and a stale writer updates nothing.
      const moved = await tx
        .updateTable('projection_generations')
        .set({
          position: positionText(last.position),
          last_recorded_at: last.recordedAt.toISOString(),
          events_seen: sql<number>`events_seen + ${events.length}`,
          updated_at: this.nowIso(),
        })
        .where('name', '=', gen.name)
        .where('generation', '=', gen.generation)
        .where('parked', '=', 0)
        .where((eb) => (from === null ? eb('position', 'is', null) : eb('position', '=', positionText(from))))
        .executeTakeFirst();
      if (moved.numUpdatedRows !== 1n) throw new CheckpointMovedError(gen.name);
      if (!(await renewLease(tx, gen.name, this.options.holder, this.nowMs(), this.leaseTtlMs))) throw new LeaseLostError(gen.name);
      const rows = tx.withPlugin(new TableRenamerPlugin(names));
      const { projection } = this.options;
      if (projection.applyBatch && !oneByOne && events.length > 1) {
        try {
          await projection.applyBatch(rows, events, { dialect, generation: gen.generation, after: from });
        } catch (error) {
          throw new BatchFailedError(error);
        }
        return;
      }
      for (let i = 0; i < events.length; i++) {
        try {
          await this.options.projection.apply(rows, events[i], { dialect, generation: gen.generation, after: i === 0 ? from : events[i - 1].position });
        } catch (error) {
          throw new ApplyFailedError(i, error);
        }
      }
    });
    this.options.onProgress?.({ projection: gen.name, generation: gen.generation, role: gen.role, position: last.position, eventsSeen: gen.events_seen + events.length });
  }

  private async readPage(from: bigint | null): Promise<RecordedEvent[]> {
    // Reading forwards from a position includes the event at it (positions are opaque cursors):
    // ask for one more and drop that one.
    if (from === null) return this.options.store.readAll({ fromPosition: 'start', maxCount: this.batchSize });
    const fetched = await this.options.store.readAll({ fromPosition: from, maxCount: this.batchSize + 1 });
    return fetched.filter((e) => e.position !== from).slice(0, this.batchSize);
  }

  private async promote(gen: Generation): Promise<void> {
    await promoteGeneration(this.db, gen.name, gen.generation, this.nowIso());
    this.logger.log(`${gen.name}: generation ${gen.generation} (v${gen.version}) caught up and is now live`);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
