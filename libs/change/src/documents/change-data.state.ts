import type { JsonObject } from '@itil/event-store';
import type { ChangeDataKind, ChangeDataSource } from './change-data.events';

export interface ChangeDataVersion {
  version: number;
  contentHash: string;
  document: JsonObject;
  author: string;
  notes: string;
  publishedAt: string;
  source: ChangeDataSource;
}

export interface TemplateReview {
  version: number;
  reason: string;
  changeId: string | null;
  markedBy: string;
  markedAt: string;
}

/** One document's history, folded from its stream: every version in order, and the reviews asked for. */
export interface ChangeDataHistory {
  kind: ChangeDataKind | null;
  id: string | null;
  versions: ChangeDataVersion[];
  reviews: TemplateReview[];
}

export const initialChangeDataHistory = (): ChangeDataHistory => ({ kind: null, id: null, versions: [], reviews: [] });
export const liveVersionOf = (h: ChangeDataHistory): number => h.versions.at(-1)?.version ?? 0;
export const isUnderReview = (h: ChangeDataHistory, version: number): boolean => h.reviews.some((r) => r.version === version);
