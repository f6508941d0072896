import type { DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';

/** Where a definition came from: a seed or changed file, the HTTP API or the CLI. */
export type DefinitionSource = 'file' | 'api' | 'cli';

/**
 * Versions of a process's lifecycle are facts on the stream `lifecycle-<process>`. Each event
 * carries the whole definition, so any version can be rebuilt from the log alone.
 */
export type LifecycleVersionPublished = DomainEvent<
  'LifecycleVersionPublished',
  {
    process: string;
    version: number;
    contentHash: string;
    definition: JsonObject;
    author: string;
    notes: string;
    publishedAt: string;
    source: DefinitionSource;
    /** The draft this publishes, when it came from one. */
    draft: number | null;
    /** File name of a seed (version 1 from `state-machines/`). */
    fileName: string | null;
  }
>;

export type LifecycleDraftProposed = DomainEvent<
  'LifecycleDraftProposed',
  {
    process: string;
    draft: number;
    /** The live version when the draft was proposed (what it changes). */
    basedOnVersion: number;
    contentHash: string;
    definition: JsonObject;
    author: string;
    notes: string;
    proposedAt: string;
    source: DefinitionSource;
    fileName: string | null;
  }
>;

export type LifecycleDraftDiscarded = DomainEvent<'LifecycleDraftDiscarded', { process: string; draft: number; author: string; reason: string; discardedAt: string }>;

export type LifecycleEvent = LifecycleVersionPublished | LifecycleDraftProposed | LifecycleDraftDiscarded;
export const LIFECYCLE_EVENT_TYPES: LifecycleEvent['type'][] = ['LifecycleVersionPublished', 'LifecycleDraftProposed', 'LifecycleDraftDiscarded'];

export const LIFECYCLE_STREAM_PREFIX = 'lifecycle-';
export const lifecycleStream = (process: string): string => `${LIFECYCLE_STREAM_PREFIX}${process}`;
