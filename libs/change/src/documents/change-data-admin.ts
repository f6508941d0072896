import type { Clock, CommandOptions, CommandPipeline } from '@itil/engine';
import { readAllPages, START, type EventStore, type Subscription } from '@itil/event-store';
import { DEFAULT_CHANGE_DATA, type ChangeDataCatalog } from '../process/change-data';
import { changeDataDecider, type ChangeDataCommand } from './change-data.decider';
import { ChangeDataNotAllowedError, ChangeDataPreconditionFailedError, ChangeDataVersionConflictError, InvalidChangeDataIdError, UnknownChangeDataError } from './change-data.errors';
import { CHANGE_DATA_EVENT_TYPES, CHANGE_DATA_ID, changeDataStream, type ChangeDataKind, type ChangeDataSource } from './change-data.events';
import { isUnderReview, type ChangeDataHistory, type ChangeDataVersion } from './change-data.state';

export interface ChangeDataAdminDeps {
  store: EventStore;
  pipeline: CommandPipeline;
  clock: Clock;
  /** The catalog the change policies read: this admin keeps it a read model of the log. */
  catalog: ChangeDataCatalog;
}

export interface ChangeDataWho {
  actor: string;
  source: ChangeDataSource;
}

export const CHANGE_DATA_SEED_ACTOR = 'system:change-data-seed';
const FILTER = { eventTypes: CHANGE_DATA_EVENT_TYPES };

/**
 * The change manager's use cases over change data (list, history, one version, publish, mark a
 * template under review), and the upkeep of the catalog the policies read: rebuilt from the log
 * at start, seeded with the defaults where an id has none, then followed by a subscription, so
 * two processes on one store answer alike. HTTP and a reactor are thin shells over this class.
 */
export class ChangeDataAdmin {
  private following: Subscription | undefined;
  private waiters: { position: bigint; resolve: () => void }[] = [];

  constructor(private readonly deps: ChangeDataAdminDeps) {}

  get catalog(): ChangeDataCatalog {
    return this.deps.catalog;
  }

  /** Applies what the log holds beyond the catalog's position (incremental). */
  async refresh(): Promise<ChangeDataCatalog> {
    for await (const page of readAllPages(this.deps.store, { filter: FILTER, fromPosition: this.deps.catalog.position })) {
      for (const e of page) this.deps.catalog.apply(e);
    }
    return this.deps.catalog;
  }

  /** Rebuilds the catalog from the whole log, seeds the defaults the log lacks, then follows the log. */
  async start(onError: (error: unknown) => void): Promise<number> {
    this.deps.catalog.reset();
    const seeded = await this.seedDefaults();
    this.follow(onError);
    return seeded;
  }

  /** Version 1 of each default whose id has no version yet; a second process seeding at once writes nothing twice. */
  async seedDefaults(): Promise<number> {
    await this.refresh();
    let written = 0;
    for (const d of DEFAULT_CHANGE_DATA) {
      if (this.deps.catalog.latest(d.kind, d.document.id)) continue;
      const r = await this.run(d.kind, d.document.id, { type: 'SeedChangeData', data: { kind: d.kind, id: d.document.id, document: d.document }, metadata: { now: this.deps.clock.now(), actor: CHANGE_DATA_SEED_ACTOR } }, {});
      written += r.events.length;
    }
    await this.refresh();
    return written;
  }

  /** Keeps the catalog current with facts written by any process, from its position on. */
  follow(onError: (error: unknown) => void): void {
    if (this.following) return;
    const subscription = this.deps.store.subscribeToAll({ fromPosition: this.deps.catalog.position ?? START, filter: FILTER });
    this.following = subscription;
    void (async () => {
      for await (const e of subscription) {
        this.deps.catalog.apply(e);
        for (const w of this.waiters.filter((x) => x.position <= e.position)) w.resolve();
        this.waiters = this.waiters.filter((x) => x.position > e.position);
      }
    })().catch(onError);
  }

  /** Resolves once the catalog holds the change data fact at `position` (tests, read-your-writes). */
  applied(position: bigint): Promise<void> {
    if (this.deps.catalog.position !== undefined && this.deps.catalog.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  async stop(): Promise<void> {
    await this.following?.unsubscribe();
    this.following = undefined;
  }

  async list(kind: ChangeDataKind): Promise<{ id: string; liveVersion: number; underReview: boolean }[]> {
    const catalog = await this.refresh();
    return catalog
      .list(kind)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(({ id, versions }) => ({ id, liveVersion: versions, underReview: (catalog.latest(kind, id) as { underReview?: boolean } | undefined)?.underReview === true }));
  }

  async history(kind: ChangeDataKind, id: string): Promise<ChangeDataHistory> {
    checkId(kind, id);
    const { state } = await this.deps.pipeline.readState(changeDataDecider, changeDataStream(kind, id));
    if (state.versions.length === 0) throw new UnknownChangeDataError(kind, id);
    return state;
  }

  async version(kind: ChangeDataKind, id: string, version: number): Promise<ChangeDataVersion & { underReview: boolean }> {
    const h = await this.history(kind, id);
    const found = h.versions.find((v) => v.version === version);
    if (!found) throw new UnknownChangeDataError(kind, id, version);
    return { ...found, underReview: isUnderReview(h, version) };
  }

  /**
   * Publishes the next version: changes assessed, convened or raised from now on use it; changes
   * already in flight keep the version they recorded. `ifMatch` (HTTP If-Match) is the live
   * version the client read: a mismatch is a failed precondition (412) rather than a conflict.
   */
  async publish(kind: ChangeDataKind, id: string, input: { document: unknown; expectedVersion?: number; ifMatch?: number; notes?: string }, who: ChangeDataWho, options: CommandOptions = {}) {
    checkId(kind, id);
    if (input.ifMatch !== undefined && input.expectedVersion !== undefined && input.ifMatch !== input.expectedVersion) {
      throw new ChangeDataNotAllowedError(kind, id, [{ path: '$.expectedVersion', code: 'IF_MATCH_DIFFERS', message: `If-Match says ${input.ifMatch}, the body ${input.expectedVersion}: give one` }]);
    }
    const command: ChangeDataCommand = {
      type: 'PublishChangeData',
      data: { kind, id, expectedVersion: input.ifMatch ?? input.expectedVersion ?? 0, document: input.document, notes: input.notes, source: who.source },
      metadata: { now: this.deps.clock.now(), actor: who.actor },
    };
    let r;
    try {
      // The key first (a retried request replays even after the version moved on), then the version check.
      r = await this.run(kind, id, command, options);
    } catch (error) {
      if (error instanceof ChangeDataVersionConflictError && input.ifMatch !== undefined) throw new ChangeDataPreconditionFailedError(kind, id, error.expectedVersion, error.actualVersion);
      throw error;
    }
    await this.refresh();
    return { ...r, version: r.state.versions.at(-1)! };
  }

  /** Flags a template version: no new standard change from it until a new version is published. */
  async markUnderReview(id: string, version: number, input: { reason: string; changeId?: string | null }, who: ChangeDataWho, options: CommandOptions = {}) {
    checkId('template', id);
    const command: ChangeDataCommand = { type: 'MarkTemplateUnderReview', data: { id, version, reason: input.reason, changeId: input.changeId ?? null }, metadata: { now: this.deps.clock.now(), actor: who.actor } };
    const r = await this.run('template', id, command, options);
    await this.refresh();
    return r;
  }

  private run(kind: ChangeDataKind, id: string, command: ChangeDataCommand, options: CommandOptions) {
    // The stream revision is not the document version (reviews are facts too): only the key and correlation travel.
    return this.deps.pipeline.run(changeDataDecider, changeDataStream(kind, id), command, { idempotencyKey: options.idempotencyKey, correlationId: options.correlationId, causationId: options.causationId });
  }
}

function checkId(kind: ChangeDataKind, id: string): void {
  if (!CHANGE_DATA_ID.test(id)) throw new InvalidChangeDataIdError(kind, id);
}
