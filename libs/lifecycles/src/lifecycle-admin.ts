import { CommandPipeline, unwrap, type Clock, type IdGenerator } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { contentHashOf, type GuardRegistry, type LifecycleCatalog } from '@itil/workflow';
import { asMachineConfig, type LifecycleDefinition } from './definition/lifecycle-json';
import { nestsDeeperThan } from './definition/json-nesting';
import { diffLifecycles, type LifecycleDiff } from './diff/diff-lifecycles';
import { toMermaid } from './diagram/mermaid';
import { toSvg } from './diagram/svg';
import { readHistories } from './load-lifecycle-catalog';
import { LifecycleDefinitionInvalidError, UnknownDraftError, UnknownLifecycleVersionError, UnknownProcessError } from './lifecycle.errors';
import { migrateTickets, type MigrationReport } from './migration/migrate-tickets';
import { ticketsOf } from './process-registry';
import { errorsIn, type LifecycleFinding } from './validation/lifecycle-finding';
import { validateLifecycle, type ValidationResult } from './validation/validate-lifecycle';
import { createLifecycleDecider, evolveLifecycle } from './versions/lifecycle.decider';
import { lifecycleStream, type DefinitionSource, type LifecycleEvent } from './versions/lifecycle.events';
import { initialLifecycleHistory, latestOf, openDrafts, type Draft, type LifecycleHistory, type PublishedVersion } from './versions/lifecycle.state';
import { whatIf, type TicketFilter, type WhatIfReport } from './what-if/what-if';
import type { ScanProgress } from './what-if/ticket-facts';

export interface LifecycleAdminDeps {
  store: EventStore;
  catalog: LifecycleCatalog;
  /** The guards and the action names a definition may use: the app's registries (this library knows no process). */
  guards: GuardRegistry;
  actions: readonly string[];
  clock: Clock;
  ids: IdGenerator;
  /** Share the app's pipeline (one per-stream queue); a new one otherwise. */
  pipeline?: CommandPipeline;
}

/** A definition to work on: given inline (object or JSON text), an open draft, or a published version. */
export interface DefinitionRef {
  definition?: unknown;
  draft?: number;
  version?: number;
}

export interface ProcessSummary {
  process: string;
  title: string | null;
  liveVersion: number;
  contentHash: string;
  publishedAt: string;
  publishedBy: string;
  openDrafts: number[];
}

export interface Who {
  actor: string;
  source: DefinitionSource;
}

/** Deeper than any lifecycle (about ten levels), shallow enough for every recursive walker. */
export const MAX_DEFINITION_DEPTH = 64;

export type Progress = (p: ScanProgress & { tickets: number }) => void;

/**
 * The process owner's use cases: draft, validate, try against history, publish, diff, draw and
 * migrate. The HTTP controllers and the CLI are thin shells over this class.
 */
export class LifecycleAdmin {
  private readonly pipeline: CommandPipeline;

  constructor(private readonly deps: LifecycleAdminDeps) {
    this.pipeline = deps.pipeline ?? new CommandPipeline(deps.store, deps.ids);
  }

  /** One decider for the admin's life: the pipeline caches folds per decider. */
  private readonly lifecycleDecider = createLifecycleDecider((definition, process) => this.validate(definition, process));

  validate(definition: unknown, process?: string): ValidationResult {
    // A definition given as JSON text is parsed and walked recursively: refuse absurd nesting first.
    if (typeof definition === 'string' && nestsDeeperThan(definition, MAX_DEFINITION_DEPTH)) {
      return { valid: false, findings: [{ path: '$', code: 'MALFORMED_JSON', severity: 'error', message: `The definition nests deeper than ${MAX_DEFINITION_DEPTH} levels; a lifecycle needs about ten.` }] };
    }
    return validateLifecycle(definition, { guards: Object.keys(this.deps.guards), actions: this.deps.actions, process });
  }

  async processes(): Promise<ProcessSummary[]> {
    const histories = await readHistories(this.deps.store);
    return [...histories.values()]
      .filter((h) => h.versions.length > 0)
      .map((h) => {
        const live = latestOf(h)!;
        return {
          process: h.process!,
          title: live.definition.meta?.title ?? null,
          liveVersion: live.version,
          contentHash: live.contentHash,
          publishedAt: live.publishedAt,
          publishedBy: live.author,
          openDrafts: openDrafts(h).map((d) => d.draft),
        };
      })
      .sort((a, b) => a.process.localeCompare(b.process));
  }

  async history(process: string): Promise<LifecycleHistory> {
    if (!/^[a-z][a-z0-9-]{0,80}$/.test(process)) throw new UnknownProcessError(process);
    const events = await this.pipeline.load(lifecycleStream(process));
    const history = events.map((e) => unwrap<LifecycleEvent>(e)).reduce((h, e) => evolveLifecycle(h, { type: e.type, data: e.data } as LifecycleEvent), initialLifecycleHistory());
    if (history.versions.length === 0) throw new UnknownProcessError(process, (await this.processes()).map((p) => p.process));
    this.syncCatalog(history);
    return history;
  }

  async version(process: string, version: number): Promise<PublishedVersion> {
    const found = (await this.history(process)).versions.find((v) => v.version === version);
    if (!found) throw new UnknownLifecycleVersionError(process, version);
    return found;
  }

  async draft(process: string, draft: number): Promise<Draft> {
    const found = (await this.history(process)).drafts.find((d) => d.draft === draft);
    if (!found) throw new UnknownDraftError(process, draft);
    return found;
  }

  /**
   * Records a draft (drafts may still have errors: the answer lists them). Content that is live
   * already, or already an open draft, proposes nothing new: `draft` is then that draft or null.
   */
  async proposeDraft(process: string, definition: unknown, who: Who, notes?: string): Promise<{ draft: Draft | null; created: boolean; validation: ValidationResult }> {
    await this.history(process);
    const result = await this.pipeline.run(this.lifecycleDecider, lifecycleStream(process), {
      type: 'ProposeLifecycleDraft',
      data: { process, definition, notes, source: who.source },
      metadata: { now: this.deps.clock.now(), actor: who.actor },
    });
    const validation = this.validate(definition, process);
    const hash = contentHashOf(asMachineConfig(validation.definition!));
    const draft = openDrafts(result.state).find((d) => d.contentHash === hash) ?? null;
    return { draft, created: result.events.length > 0, validation };
  }

  async discardDraft(process: string, draft: number, reason: string, who: Who): Promise<void> {
    await this.history(process);
    await this.pipeline.run(this.lifecycleDecider, lifecycleStream(process), { type: 'DiscardLifecycleDraft', data: { process, draft, reason }, metadata: { now: this.deps.clock.now(), actor: who.actor } });
  }

  /** Publishes a new version (refused when invalid, unchanged, or when `expectedVersion` is stale); new tickets get it. */
  async publish(process: string, input: { definition?: unknown; draft?: number; expectedVersion: number; notes?: string }, who: Who): Promise<PublishedVersion> {
    await this.history(process);
    const result = await this.pipeline.run(this.lifecycleDecider, lifecycleStream(process), {
      type: 'PublishLifecycleVersion',
      data: { process, expectedVersion: input.expectedVersion, draft: input.draft, definition: input.definition, notes: input.notes, source: who.source },
      metadata: { now: this.deps.clock.now(), actor: who.actor },
    });
    this.syncCatalog(result.state);
    return latestOf(result.state)!;
  }

  /** The definition a reference names, with its validation (what-if and diff accept drafts with errors). */
  async resolve(process: string, ref: DefinitionRef): Promise<{ definition: LifecycleDefinition; label: string; validation: ValidationResult }> {
    const given = [ref.definition !== undefined, ref.draft !== undefined, ref.version !== undefined].filter(Boolean).length;
    if (given !== 1) throw new LifecycleDefinitionInvalidError(process, [finding('$', 'Give exactly one of: a definition, a draft number, a version number.')]);
    if (ref.version !== undefined) {
      const v = await this.version(process, ref.version);
      return { definition: v.definition, label: `${process} v${v.version}`, validation: this.validate(v.definition, process) };
    }
    if (ref.draft !== undefined) {
      const d = await this.draft(process, ref.draft);
      return { definition: d.definition, label: `${process} draft ${d.draft}`, validation: this.validate(d.definition, process) };
    }
    await this.history(process);
    const validation = this.validate(ref.definition, process);
    const blocking = validation.findings.filter((f) => f.code === 'MALFORMED_JSON' || f.code === 'PROCESS_MISMATCH' || (f.code === 'SCHEMA' && ['$', '$.states', '$.initial'].includes(f.path)) || f.code === 'MISSING_INITIAL');
    if (!validation.definition || blocking.length > 0) throw new LifecycleDefinitionInvalidError(process, blocking.length ? blocking : validation.findings);
    return { definition: validation.definition, label: `${process} (given definition)`, validation };
  }

  async whatIf(
    process: string,
    ref: DefinitionRef,
    options: { filter?: TicketFilter; checkGuards?: boolean; detailLimit?: number; pageSize?: number; onProgress?: Progress } = {},
  ): Promise<WhatIfReport & { definition: string; validation: { valid: boolean; errors: LifecycleFinding[] } }> {
    const { definition, label, validation } = await this.resolve(process, ref);
    const report = await whatIf(this.deps.store, {
      process,
      draft: definition,
      ticketStreamPrefix: ticketsOf(process).ticketStreamPrefix,
      filter: options.filter,
      checkGuards: options.checkGuards,
      guards: this.deps.guards,
      detailLimit: options.detailLimit,
      pageSize: options.pageSize,
      onProgress: options.onProgress,
      isFinalInOwnVersion: (lifecycle, state) => this.isFinal(lifecycle.id, lifecycle.version, state),
    });
    return { definition: label, validation: { valid: validation.valid, errors: errorsIn(validation.findings) }, ...report };
  }

  async diff(process: string, from: DefinitionRef, to: DefinitionRef): Promise<LifecycleDiff> {
    const a = await this.resolve(process, from);
    const b = await this.resolve(process, to);
    return diffLifecycles(a.definition, b.definition, { from: a.label, to: b.label });
  }

  async diagram(process: string, ref: DefinitionRef, format: 'mmd' | 'svg'): Promise<string> {
    const { definition, label } = await this.resolve(process, ref);
    return format === 'svg' ? toSvg(definition, label) : toMermaid(definition, label);
  }

  async migrate(
    process: string,
    input: { fromVersion: number; toVersion: number; mapping: Record<string, string>; dryRun: boolean; reason?: string },
    who: Who,
    options: { pageSize?: number; onProgress?: Progress } = {},
  ): Promise<MigrationReport> {
    const source = await this.version(process, input.fromVersion);
    const target = await this.version(process, input.toVersion);
    const tickets = ticketsOf(process);
    return migrateTickets(this.deps.store, {
      process,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      source: source.definition,
      target: target.definition,
      mapping: input.mapping,
      dryRun: input.dryRun,
      reason: input.reason,
      actor: who.actor,
      now: this.deps.clock.now(),
      ids: this.deps.ids,
      ticketStreamPrefix: tickets.ticketStreamPrefix,
      migrationEventType: tickets.migrationEventType,
      pageSize: options.pageSize,
      onProgress: options.onProgress,
    });
  }

  /** Versions published elsewhere (another instance, the CLI) join this process's catalog. */
  private syncCatalog(history: LifecycleHistory): void {
    for (const v of history.versions) {
      if (!this.inCatalog(history.process!, v.version)) {
        this.deps.catalog.offer({ machineId: history.process!, version: v.version, contentHash: v.contentHash, config: asMachineConfig(v.definition) });
      }
    }
  }

  private inCatalog(id: string, version: number): boolean {
    return this.deps.catalog.has(id, version);
  }

  private isFinal(id: string, version: number, state: string): boolean | undefined {
    return this.inCatalog(id, version) ? this.deps.catalog.get(id, version).isFinal(state) : undefined;
  }
}

const finding = (path: string, message: string): LifecycleFinding => ({ path, code: 'SCHEMA', severity: 'error', message });
