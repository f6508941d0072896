import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CommandPipeline, unwrap, type Clock, type IdGenerator } from '@itil/engine';
import { readAllPages, type EventStore } from '@itil/event-store';
import { LifecycleCatalog, contentHashOf, type GuardRegistry } from '@itil/workflow';
import { publishVersionFiles, type VersionFileOutcome } from './versions/publish-version-files';
import { asMachineConfig } from './definition/lifecycle-json';
import { LifecycleDefinitionInvalidError } from './lifecycle.errors';
import { lifecycleSourceOf } from './lifecycle-source';
import { validateLifecycle } from './validation/validate-lifecycle';
import { createLifecycleDecider, evolveLifecycle } from './versions/lifecycle.decider';
import { LIFECYCLE_STREAM_PREFIX, lifecycleStream, type LifecycleEvent } from './versions/lifecycle.events';
import { initialLifecycleHistory, type LifecycleHistory } from './versions/lifecycle.state';

export interface LoadLifecycleCatalogInput {
  store: EventStore;
  /** Directory of the seed definitions (`state-machines/`). */
  directory: string;
  /** The guards and the action names a definition may use: the app's registries (this library knows no process). */
  guards: GuardRegistry;
  actions: readonly string[];
  clock: Clock;
  ids: IdGenerator;
  /** Later versions (`<dir>/<process>/<n>.json`), published in order after the seeds; none when unset. */
  versionsDirectory?: string;
}

/** What start-up did with each seed file. */
export interface SeedOutcome {
  process: string;
  fileName: string;
  outcome: 'seeded' | 'unchanged' | 'draft-proposed' | 'draft-refused';
  version?: number;
  draft?: number;
  message?: string;
}

export interface LifecycleSync {
  catalog: LifecycleCatalog;
  outcomes: SeedOutcome[];
  histories: Map<string, LifecycleHistory>;
  versionFiles: VersionFileOutcome[];
}

export const SEED_ACTOR = 'system:lifecycle-seed';

/**
 * The lifecycle versions the engine runs with, from the event store. On first start each file
 * in `directory` is published as version 1 of its process; later, a changed file *proposes* a
 * draft and never changes the live version. Every published version of every process is in the
 * catalog, so tickets pinned to old versions keep working.
 */
export async function loadLifecycleCatalog(input: LoadLifecycleCatalogInput): Promise<LifecycleCatalog> {
  return (await syncLifecycles(input)).catalog;
}

export async function syncLifecycles(input: LoadLifecycleCatalogInput): Promise<LifecycleSync> {
  const validate = (definition: unknown, process: string) => validateLifecycle(definition, { guards: Object.keys(input.guards), actions: input.actions, process });
  const decider = createLifecycleDecider(validate);
  const pipeline = new CommandPipeline(input.store, input.ids);
  const outcomes: SeedOutcome[] = [];
  const metadata = () => ({ now: input.clock.now(), actor: SEED_ACTOR });

  for (const { fileName, text } of readSeedFiles(input.directory)) {
    const parsed = validateLifecycle(text, { guards: [], actions: [] });
    const process = typeof parsed.definition?.id === 'string' ? parsed.definition.id : basename(fileName, '.json');
    const stream = lifecycleStream(process);
    if (!parsed.definition) {
      const error = new LifecycleDefinitionInvalidError(process, parsed.findings.map((f) => ({ ...f, message: `${fileName}: ${f.message}` })));
      // Unreadable: fatal only when there is no live version to run with.
      if ((await pipeline.load(stream)).length === 0) throw error;
      outcomes.push({ process, fileName, outcome: 'draft-refused', message: error.message });
      continue;
    }
    const seeded = await pipeline.run(decider, stream, { type: 'SeedLifecycle', data: { process, definition: text, fileName }, metadata: metadata() });
    if (seeded.events.length > 0) {
      outcomes.push({ process, fileName, outcome: 'seeded', version: 1 });
      continue;
    }
    // The seed file is version 1 for good once later versions are published from files: content
    // that is already a published version proposes nothing.
    const hash = contentHashOf(asMachineConfig(parsed.definition));
    if (input.versionsDirectory && seeded.state.versions.some((v) => v.contentHash === hash)) {
      outcomes.push({ process, fileName, outcome: 'unchanged' });
      continue;
    }
    try {
      const proposed = await pipeline.run(decider, stream, { type: 'ProposeLifecycleDraft', data: { process, definition: text, source: 'file', fileName, notes: `Changed ${fileName}` }, metadata: metadata() });
      const event = proposed.events[0];
      if (event?.type === 'LifecycleDraftProposed') outcomes.push({ process, fileName, outcome: 'draft-proposed', draft: (event.data as { draft: number }).draft });
      else outcomes.push({ process, fileName, outcome: 'unchanged' });
    } catch (error) {
      // A broken edit of a seed file must not stop the engine: the live version is in the store.
      if (!(error instanceof LifecycleDefinitionInvalidError)) throw error;
      outcomes.push({ process, fileName, outcome: 'draft-refused', message: error.message });
    }
  }

  const versionFiles = input.versionsDirectory ? await publishVersionFiles(input.versionsDirectory, pipeline, decider, validate, metadata) : [];
  const histories = await readHistories(input.store);
  // A miss (a version another process published a moment ago) is loaded from the same store.
  const catalog = new LifecycleCatalog(input.guards).loadMissingFrom(lifecycleSourceOf(input.store));
  for (const history of histories.values()) {
    // A version this build cannot run (a guard it lacks) is recorded as unusable, not fatal.
    for (const v of history.versions) catalog.offer({ machineId: history.process!, version: v.version, contentHash: v.contentHash, config: asMachineConfig(v.definition) });
  }
  return { catalog, outcomes, histories, versionFiles };
}

/** Every `lifecycle-*` stream folded, read from `$all` in pages. */
export async function readHistories(store: EventStore, pageSize = 1000): Promise<Map<string, LifecycleHistory>> {
  const histories = new Map<string, LifecycleHistory>();
  for await (const page of readAllPages(store, { pageSize, filter: { streamNamePrefixes: [LIFECYCLE_STREAM_PREFIX] } })) {
    for (const recorded of page) {
      const event = unwrap<LifecycleEvent>(recorded);
      const history = histories.get(recorded.streamId) ?? initialLifecycleHistory();
      histories.set(recorded.streamId, evolveLifecycle(history, { type: event.type, data: event.data } as LifecycleEvent));
    }
  }
  return new Map([...histories.values()].filter((h) => h.process !== null).map((h) => [h.process!, h]));
}

export interface SeedFile {
  fileName: string;
  text: string;
}

/** The `*.json` files of the seed directory, in name order. */
export function readSeedFiles(directory: string): SeedFile[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((fileName) => ({ fileName, text: readFileSync(join(directory, fileName), 'utf8') }));
}
