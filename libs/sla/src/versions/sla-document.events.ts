import type { DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';

/**
 * Calendars and policies are versioned data, event-sourced like lifecycles: each name has a
 * stream (`sla-calendar-<name>`, `sla-policy-<name>`) of drafts and published versions, and every
 * event carries the whole document, so any version can be rebuilt from the log alone.
 */
export type SlaDocumentKind = 'calendar' | 'policy';
export type DocumentSource = 'api' | 'cli';

export interface PublishedData extends JsonObject {
  name: string;
  version: number;
  contentHash: string;
  document: JsonObject;
  author: string;
  notes: string;
  publishedAt: string;
  source: DocumentSource;
  /** The draft this publishes, when it came from one. */
  draft: number | null;
}

export interface DraftSavedData extends JsonObject {
  name: string;
  draft: number;
  /** The live version when the draft was saved (0: the name had none yet). */
  basedOnVersion: number;
  contentHash: string;
  document: JsonObject;
  author: string;
  notes: string;
  savedAt: string;
  source: DocumentSource;
}

export type SlaCalendarVersionPublished = DomainEvent<'SlaCalendarVersionPublished', PublishedData>;
export type SlaCalendarDraftSaved = DomainEvent<'SlaCalendarDraftSaved', DraftSavedData>;
export type SlaPolicyVersionPublished = DomainEvent<'SlaPolicyVersionPublished', PublishedData>;
export type SlaPolicyDraftSaved = DomainEvent<'SlaPolicyDraftSaved', DraftSavedData>;

export type SlaDocumentEvent = DomainEvent<`Sla${'Calendar' | 'Policy'}${'VersionPublished' | 'DraftSaved'}`, PublishedData | DraftSavedData>;

export const EVENT_TYPES = {
  calendar: { published: 'SlaCalendarVersionPublished', draft: 'SlaCalendarDraftSaved' },
  policy: { published: 'SlaPolicyVersionPublished', draft: 'SlaPolicyDraftSaved' },
} as const;

export const DOCUMENT_EVENT_TYPES: string[] = Object.values(EVENT_TYPES).flatMap((t) => [t.published, t.draft]);
export const PUBLISHED_EVENT_TYPES: string[] = [EVENT_TYPES.calendar.published, EVENT_TYPES.policy.published];

export const documentStream = (kind: SlaDocumentKind, name: string): string => `sla-${kind}-${name}`;
