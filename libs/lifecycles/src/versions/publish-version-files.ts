import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unwrap, type CommandMetadata, type CommandPipeline, type Decider } from '@itil/engine';
import { contentHashOf } from '@itil/workflow';
import { asMachineConfig } from '../definition/lifecycle-json';
import { LifecycleDefinitionInvalidError } from '../lifecycle.errors';
import type { LifecycleCommand } from './lifecycle.commands';
import { lifecycleStream, type LifecycleEvent } from './lifecycle.events';
import { liveVersionOf, type LifecycleHistory } from './lifecycle.state';
import type { ValidationResult } from '../validation/validate-lifecycle';

/** What start-up did with one later-version file. */
export interface VersionFileOutcome {
  process: string;
  fileName: string;
  outcome: 'published' | 'already-published' | 'differs-from-published' | 'refused' | 'waiting-for-earlier';
  version: number;
  message?: string;
}

/**
 * Versions beyond the first live in `state-machines/versions/<process>/<n>.json`. Version 1 is
 * the seed file `state-machines/<process>.json`, never edited once published; each later file is
 * published in order, as version n, exactly when the live version is n-1. So a fresh store
 * publishes v1..vN in order, a store already at vN publishes nothing, and a file whose version is
 * already published with other content is reported, never republished.
 */
export async function publishVersionFiles(
  directory: string,
  pipeline: CommandPipeline,
  decider: Decider<LifecycleCommand, LifecycleEvent, LifecycleHistory>,
  validate: (definition: unknown, process: string) => ValidationResult,
  metadata: () => CommandMetadata,
): Promise<VersionFileOutcome[]> {
  if (!existsSync(directory)) return [];
  const outcomes: VersionFileOutcome[] = [];
  for (const process of readdirSync(directory).filter((p) => statSync(join(directory, p)).isDirectory()).sort()) {
    const files = readdirSync(join(directory, process))
      .filter((f) => /^\d+\.json$/.test(f))
      .map((f) => ({ fileName: `versions/${process}/${f}`, version: Number(f.slice(0, -5)), text: readFileSync(join(directory, process, f), 'utf8') }))
      .sort((a, b) => a.version - b.version);
    for (const file of files) {
      const stream = lifecycleStream(process);
      const history = (await pipeline.load(stream)).map((e) => unwrap<LifecycleEvent>(e)).reduce((h, e) => decider.evolve(h, { type: e.type, data: e.data } as LifecycleEvent), decider.initialState());
      const live = liveVersionOf(history);
      const base = { process, fileName: file.fileName, version: file.version };
      if (file.version <= live) {
        const parsed = validate(file.text, process).definition;
        const published = history.versions.find((v) => v.version === file.version);
        const same = parsed && published && contentHashOf(asMachineConfig(parsed)) === published.contentHash;
        outcomes.push({ ...base, outcome: same ? 'already-published' : 'differs-from-published', message: same ? undefined : `${file.fileName} differs from the published version ${file.version}: a published version is never changed; add the next version instead` });
        continue;
      }
      if (file.version !== live + 1) {
        outcomes.push({ ...base, outcome: 'waiting-for-earlier', message: `${process} is at version ${live}: version ${file.version} waits for version ${live + 1}` });
        break;
      }
      try {
        await pipeline.run(decider, stream, {
          type: 'PublishLifecycleVersion',
          data: { process, expectedVersion: live, definition: file.text, notes: `Published from state-machines/${file.fileName}`, source: 'file' },
          metadata: metadata(),
        });
        outcomes.push({ ...base, outcome: 'published' });
      } catch (error) {
        if (!(error instanceof LifecycleDefinitionInvalidError)) throw error;
        outcomes.push({ ...base, outcome: 'refused', message: error.message });
        break;
      }
    }
  }
  return outcomes;
}
