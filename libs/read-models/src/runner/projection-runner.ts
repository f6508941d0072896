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
  /** Events per read of the log (a page), and per transaction on the live tail (default 500). */
  batchSize?: number;
  /**
   * While catching up (a full page), one transaction spans pages until it holds this many events
   * (default 20,000) or has taken `maxBatchMs` (default 1,000): the rows a rebuild changes over and
   * over are read and written once per batch, not once per page. 0 or `batchSize`: a page per transaction.
   */
  maxBatchEvents?: number;
  maxBatchMs?: number;
  /** ... or holds this many rows in memory (default 2,500; see `ProjectionBatch.held`), which bounds a rebuild's memory. */
  maxBatchRows?: number;
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
  private readonly maxBatchEvents: number;
  private readonly maxBatchMs: number;
  private readonly maxBatchRows: number;
  /** After a batch over many pages failed: a page per batch until the checkpoint passes where it reached. */
  private pagesFailedThrough: bigint | undefined;
  private readonly leaseTtlMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly nowMs: () => number;
  private readonly logger: RunnerLogger;

  constructor(private readonly options: RunnerOptions) {
    this.name = options.projection.name;
    this.batchSize = options.batchSize ?? 500;
    this.maxBatchEvents = options.maxBatchEvents ?? 20_000;
    this.maxBatchMs = options.maxBatchMs ?? 1_000;
    this.maxBatchRows = options.maxBatchRows ?? 2_500;
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
   * A batch over many pages that fails is applied again a page at a time, the same way.
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
    if (this.spansPages(page, from)) {
      try {
        await this.commit(gen, page, from, 'pages');
        return 'progressed';
      } catch (error) {
        if (!(error instanceof BatchFailedError)) return this.afterFailure(gen, page, from, error);
        this.pagesFailedThrough = error.through;
        // Failed within this first page: that page alone would fail the same way.
        if (error.through === page[page.length - 1].position) return this.oneByOne(gen, page, from, error);
        this.logger.warn(`${this.name}: a batch of ${error.events} events failed (${messageOf(error.cause)}); applying them a page at a time to find the failing event`);
      }
    }
    try {
      await this.commit(gen, page, from, 'page');
      return 'progressed';
    } catch (error) {
      if (!(error instanceof BatchFailedError)) return this.afterFailure(gen, page, from, error);
      return this.oneByOne(gen, page, from, error);
    }
  }

  /** After a batch of this page failed: its events one by one, to find the failing event. */
  private async oneByOne(gen: Generation, page: RecordedEvent[], from: bigint | null, error: BatchFailedError): Promise<StepOutcome> {
    this.logger.warn(`${this.name}: a batch of ${error.events} events failed (${messageOf(error.cause)}); applying the first ${page.length} one by one to find the failing event`);
    try {
      await this.commit(gen, page, from, 'oneByOne');
      return 'progressed';
    } catch (narrowed) {
      return this.afterFailure(gen, page, from, narrowed);
    }
  }

  /** Catching up (the page is full): one transaction over pages, unless one of those failed ahead of here. */
  private spansPages(page: RecordedEvent[], from: bigint | null): boolean {
    if (this.pagesFailedThrough !== undefined && from !== null && from >= this.pagesFailedThrough) this.pagesFailedThrough = undefined;
    return page.length === this.batchSize && this.maxBatchEvents > this.batchSize && this.options.projection.openBatch !== undefined && this.pagesFailedThrough === undefined;
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
      await this.commit(gen, before, from, 'oneByOne');
      checkpoint = before[before.length - 1].position;
    }
    const event = page[failure.index];
    let lastError: unknown = failure.cause;
    for (let attempt = 2; attempt <= this.maxAttempts; attempt++) {
      this.logger.warn(`${this.name}: event ${event.id} (${event.type} at ${event.position}) failed: ${String(messageOf(lastError))}; attempt ${attempt} of ${this.maxAttempts}`);
      await delay(this.backoffMs(attempt));
      try {
        await this.commit(await this.target(), [event], checkpoint, 'page');
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

  /**
   * Applies `first` and commits it with the checkpoint. `page`: that page alone, with `openBatch`;
   * `pages`: then the pages after it, in the same batch, up to `maxBatchEvents`, `maxBatchRows` or `maxBatchMs`;
   * `oneByOne`: each event with `apply` (finds the failing event of a batch).
   */
  private async commit(gen: Generation, first: RecordedEvent[], from: bigint | null, mode: 'page' | 'pages' | 'oneByOne'): Promise<void> {
    const names = physicalNames(this.options.projection.tables, gen.generation);
    const { projection, rm } = this.options;
    const context = { dialect: rm.dialect, generation: gen.generation, after: from };
    const started = this.nowMs();
    let last = first[first.length - 1];
    let count = 0;
    await this.db.transaction().execute(async (tx) => {
      // First statement: claim the checkpoint where this batch starts. It takes the row's write
      // lock, so batches of one projection serialise, and a stale writer updates nothing.
      const claimed = await tx
        .updateTable('projection_generations')
        .set({ updated_at: this.nowIso() })
        .where('name', '=', gen.name)
        .where('generation', '=', gen.generation)
        .where('parked', '=', 0)
        .where((eb) => (from === null ? eb('position', 'is', null) : eb('position', '=', positionText(from))))
        .executeTakeFirst();
      if (claimed.numUpdatedRows !== 1n) throw new CheckpointMovedError(gen.name);
      if (!(await renewLease(tx, gen.name, this.options.holder, this.nowMs(), this.leaseTtlMs))) throw new LeaseLostError(gen.name);
      const rows = tx.withPlugin(new TableRenamerPlugin(names));
      if (projection.openBatch && mode !== 'oneByOne' && (first.length > 1 || mode === 'pages')) {
        const batch = projection.openBatch(rows, context);
        for (let page = first; page.length > 0; ) {
          try {
            await batch.add(page);
          } catch (error) {
            throw new BatchFailedError(error, count + page.length, page[page.length - 1].position);
          }
          count += page.length;
          last = page[page.length - 1];
          if (mode !== 'pages' || page.length < this.batchSize || count >= this.maxBatchEvents || batch.held() >= this.maxBatchRows || this.nowMs() - started >= this.maxBatchMs) break;
          page = await this.readPage(last.position);
        }
        try {
          await batch.flush();
        } catch (error) {
          throw new BatchFailedError(error, count, last.position);
        }
      } else {
        for (let i = 0; i < first.length; i++) {
          try {
            await projection.apply(rows, first[i], { ...context, after: i === 0 ? from : first[i - 1].position });
          } catch (error) {
            throw new ApplyFailedError(i, error);
          }
        }
        count = first.length;
      }
      await tx
        .updateTable('projection_generations')
        .set({ position: positionText(last.position), last_recorded_at: last.recordedAt.toISOString(), events_seen: sql<number>`events_seen + ${count}` })
        .where('name', '=', gen.name)
        .where('generation', '=', gen.generation)
        .execute();
    });
    this.options.onProgress?.({ projection: gen.name, generation: gen.generation, role: gen.role, position: last.position, eventsSeen: gen.events_seen + count });
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
