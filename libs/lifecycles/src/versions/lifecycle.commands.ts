import type { Command } from '@itil/engine';
import type { DefinitionSource } from './lifecycle.events';

/** Publish version 1 from a seed file when the process has no version yet (first start). */
export type SeedLifecycle = Command<'SeedLifecycle', { process: string; definition: unknown; fileName: string }>;

/** Record a candidate definition; it changes nothing live. A changed seed file proposes one at start. */
export type ProposeLifecycleDraft = Command<
  'ProposeLifecycleDraft',
  { process: string; definition: unknown; notes?: string; source: DefinitionSource; fileName?: string }
>;

export type DiscardLifecycleDraft = Command<'DiscardLifecycleDraft', { process: string; draft: number; reason: string }>;

/**
 * Publish a new version: an open draft (by number) or a definition given inline. `expectedVersion`
 * is the live version the process owner reviewed: if someone published since, it is refused.
 */
export type PublishLifecycleVersion = Command<
  'PublishLifecycleVersion',
  { process: string; expectedVersion: number; draft?: number; definition?: unknown; notes?: string; source: DefinitionSource }
>;

export type LifecycleCommand = SeedLifecycle | ProposeLifecycleDraft | DiscardLifecycleDraft | PublishLifecycleVersion;
