import type { DomainEvent } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';

/**
 * Change enablement's data are versioned documents, event-sourced like SLA calendars and
 * lifecycles: one stream per document (`changedata-<kind>-<id>`), every published version a fact
 * carrying the whole document, its author and its content hash. An auditor reading a change that
 * recorded `{ rule: { id: 'default', version: 2 } }` finds who published version 2, when, and
 * what it said, in the log alone. (Not `change-…`: that prefix is the change tickets'.)
 */
export const CHANGE_DATA_KINDS = ['questionnaire', 'approval-rule', 'freeze-calendar', 'template'] as const;
export type ChangeDataKind = (typeof CHANGE_DATA_KINDS)[number];
export type ChangeDataSource = 'api' | 'cli' | 'seed';

export interface ChangeDataPublishedData extends JsonObject {
  kind: ChangeDataKind;
  id: string;
  version: number;
  contentHash: string;
  /** The whole document, `id` and `version` included, as the policies read it. */
  document: JsonObject;
  author: string;
  notes: string;
  publishedAt: string;
  source: ChangeDataSource;
}

/** A standard change failed: the template version it was raised from raises no new change until a new version is published. */
export interface TemplateMarkedUnderReviewData extends JsonObject {
  kind: 'template';
  id: string;
  version: number;
  reason: string;
  /** The change whose failure asked for the review, when one did. */
  changeId: string | null;
  markedBy: string;
  markedAt: string;
}

export const PUBLISHED_TYPES = {
  questionnaire: 'ChangeRiskQuestionnaireVersionPublished',
  'approval-rule': 'ChangeApprovalRuleVersionPublished',
  'freeze-calendar': 'ChangeFreezeCalendarVersionPublished',
  template: 'ChangeTemplateVersionPublished',
} as const satisfies Record<ChangeDataKind, string>;
export const TEMPLATE_MARKED_UNDER_REVIEW = 'ChangeTemplateMarkedUnderReview';

export type ChangeDataVersionPublished = DomainEvent<(typeof PUBLISHED_TYPES)[ChangeDataKind], ChangeDataPublishedData>;
export type ChangeTemplateMarkedUnderReview = DomainEvent<typeof TEMPLATE_MARKED_UNDER_REVIEW, TemplateMarkedUnderReviewData>;
export type ChangeDataEvent = ChangeDataVersionPublished | ChangeTemplateMarkedUnderReview;

export const CHANGE_DATA_EVENT_TYPES: string[] = [...Object.values(PUBLISHED_TYPES), TEMPLATE_MARKED_UNDER_REVIEW];

export const CHANGE_DATA_STREAM_PREFIX = 'changedata-';
export const changeDataStream = (kind: ChangeDataKind, id: string): string => `${CHANGE_DATA_STREAM_PREFIX}${kind}-${id}`;

/** Ids become stream names and URL segments. */
export const CHANGE_DATA_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
