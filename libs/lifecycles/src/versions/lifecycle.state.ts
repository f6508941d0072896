import type { LifecycleDefinition } from '../definition/lifecycle-json';
import type { DefinitionSource } from './lifecycle.events';

export interface PublishedVersion {
  version: number;
  contentHash: string;
  definition: LifecycleDefinition;
  author: string;
  notes: string;
  publishedAt: string;
  source: DefinitionSource;
  draft: number | null;
}

export interface Draft {
  draft: number;
  basedOnVersion: number;
  contentHash: string;
  definition: LifecycleDefinition;
  author: string;
  notes: string;
  proposedAt: string;
  source: DefinitionSource;
  fileName: string | null;
  status: 'open' | 'published' | 'discarded';
}

/** A process's lifecycle history folded from `lifecycle-<process>`. */
export interface LifecycleHistory {
  process: string | null;
  versions: PublishedVersion[];
  drafts: Draft[];
  /** Hash of the seed file content last seen (v1 seed or a file-sourced draft): unchanged files propose nothing. */
  fileHash: string | null;
}

export const initialLifecycleHistory = (): LifecycleHistory => ({ process: null, versions: [], drafts: [], fileHash: null });

export const latestOf = (h: LifecycleHistory): PublishedVersion | undefined => h.versions[h.versions.length - 1];
export const liveVersionOf = (h: LifecycleHistory): number => latestOf(h)?.version ?? 0;
export const openDrafts = (h: LifecycleHistory): Draft[] => h.drafts.filter((d) => d.status === 'open');
