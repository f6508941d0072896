import type { JsonObject } from '@itil/event-store';
import type { DocumentSource } from './sla-document.events';

export interface DocumentVersion {
  version: number;
  contentHash: string;
  document: JsonObject;
  author: string;
  notes: string;
  publishedAt: string;
  source: DocumentSource;
  draft: number | null;
}

export interface DocumentDraft {
  draft: number;
  basedOnVersion: number;
  contentHash: string;
  document: JsonObject;
  author: string;
  notes: string;
  savedAt: string;
  source: DocumentSource;
  status: 'open' | 'published';
}

/** The history of one calendar or policy, folded from its stream. */
export interface DocumentHistory {
  name: string | null;
  versions: DocumentVersion[];
  drafts: DocumentDraft[];
}

export const initialDocumentHistory = (): DocumentHistory => ({ name: null, versions: [], drafts: [] });
export const liveOf = (h: DocumentHistory): DocumentVersion | undefined => h.versions[h.versions.length - 1];
export const liveVersionOf = (h: DocumentHistory): number => liveOf(h)?.version ?? 0;
