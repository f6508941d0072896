import { createHash } from 'node:crypto';
import { canonicalJson, knowsTypes, type Command, type Decider } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';
import { InvalidChangeDataError } from '../change.errors';
import { finding, type DataFinding } from '../data-finding';
import { validateApprovalRule, type ApprovalRule } from '../approvals/approval-rule';
import { validateQuestionnaire, type RiskQuestionnaire } from '../risk/risk-questionnaire';
import { validateFreezeCalendar, type FreezeCalendar } from '../schedule/freeze-windows';
import { validateTemplate, type StandardChangeTemplate } from '../templates/standard-change-template';
import { ChangeDataNotAllowedError, ChangeDataUnchangedError, ChangeDataVersionConflictError, UnknownChangeDataError } from './change-data.errors';
import {
  CHANGE_DATA_EVENT_TYPES,
  PUBLISHED_TYPES,
  TEMPLATE_MARKED_UNDER_REVIEW,
  type ChangeDataEvent,
  type ChangeDataKind,
  type ChangeDataPublishedData,
  type ChangeDataSource,
  type TemplateMarkedUnderReviewData,
} from './change-data.events';
import { shapeFindings } from './change-data.shape';
import { initialChangeDataHistory, isUnderReview, liveVersionOf, type ChangeDataHistory } from './change-data.state';

interface Target {
  kind: ChangeDataKind;
  id: string;
}
/** Publish the next version; `expectedVersion` is the live version the change manager reviewed (0 for a new id). */
export type PublishChangeData = Command<'PublishChangeData', Target & { expectedVersion: number; document: unknown; notes?: string; source: ChangeDataSource }>;
/** Version 1 of a default, only when the id has none: a second process or a restart writes nothing. */
export type SeedChangeData = Command<'SeedChangeData', Target & { document: unknown }>;
/** A standard change raised from this template version failed: no new change from it until a new version. */
export type MarkTemplateUnderReview = Command<'MarkTemplateUnderReview', { id: string; version: number; reason: string; changeId: string | null }>;
export type ChangeDataCommand = PublishChangeData | SeedChangeData | MarkTemplateUnderReview;

const RULES: { [K in ChangeDataKind]: (d: never) => DataFinding[] } = {
  questionnaire: validateQuestionnaire as (d: RiskQuestionnaire) => DataFinding[],
  'approval-rule': validateApprovalRule as (d: ApprovalRule) => DataFinding[],
  'freeze-calendar': validateFreezeCalendar as (d: FreezeCalendar) => DataFinding[],
  template: validateTemplate as (d: StandardChangeTemplate) => DataFinding[],
};

/** The hash of the content, without the version number, so "identical to the live version" compares what it says. */
export const contentHashOf = (document: JsonObject): string => {
  const { version: _version, ...content } = document;
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
};

/**
 * Shape first (400: unknown fields, wrong types, missing fields), then the rules of the kind
 * (422). Returns the stored form: the URL's id and the version it will get, whatever the input said.
 */
export function validateChangeData(kind: ChangeDataKind, id: string, input: unknown, version: number): JsonObject {
  const shape = shapeFindings(kind, input);
  const given = (input as { id?: unknown } | null)?.id;
  if (typeof given === 'string' && given !== id) shape.push(finding('$.id', 'ID_MISMATCH', `the document says '${given}', the URL '${id}'`));
  if (shape.length > 0) throw new InvalidChangeDataError(kind, shape);
  const document = { ...(input as JsonObject), id, version };
  const rules = RULES[kind](document as never);
  if (rules.length > 0) throw new ChangeDataNotAllowedError(kind, id, rules);
  return document;
}

export function evolveChangeData(h: ChangeDataHistory, e: ChangeDataEvent): ChangeDataHistory {
  if (e.type === TEMPLATE_MARKED_UNDER_REVIEW) {
    const d = e.data;
    return { ...h, reviews: [...h.reviews, { version: d.version, reason: d.reason, changeId: d.changeId, markedBy: d.markedBy, markedAt: d.markedAt }] };
  }
  const d = e.data;
  return { ...h, kind: d.kind, id: d.id, versions: [...h.versions, { version: d.version, contentHash: d.contentHash, document: d.document, author: d.author, notes: d.notes, publishedAt: d.publishedAt, source: d.source }] };
}

function decide(c: ChangeDataCommand, h: ChangeDataHistory): ChangeDataEvent[] {
  const now = c.metadata.now.toISOString();
  if (c.type === 'MarkTemplateUnderReview') {
    const { id, version } = c.data;
    if (!h.versions.some((v) => v.version === version)) throw new UnknownChangeDataError('template', id, version);
    if (isUnderReview(h, version)) return []; // already flagged: a second failure (or a retried reactor) adds nothing
    const data: TemplateMarkedUnderReviewData = { kind: 'template', id, version, reason: c.data.reason, changeId: c.data.changeId, markedBy: c.metadata.actor, markedAt: now };
    return [{ type: TEMPLATE_MARKED_UNDER_REVIEW, data }];
  }
  const { kind, id } = c.data;
  const live = h.versions.at(-1);
  if (c.type === 'SeedChangeData' && live) return [];
  if (c.type === 'PublishChangeData' && c.data.expectedVersion !== liveVersionOf(h)) throw new ChangeDataVersionConflictError(kind, id, c.data.expectedVersion, liveVersionOf(h));
  const version = liveVersionOf(h) + 1;
  const document = validateChangeData(kind, id, c.data.document, version);
  const contentHash = contentHashOf(document);
  if (live && live.contentHash === contentHash) throw new ChangeDataUnchangedError(kind, id, live.version);
  const data: ChangeDataPublishedData = {
    kind,
    id,
    version,
    contentHash,
    document,
    author: c.metadata.actor,
    notes: c.type === 'PublishChangeData' ? (c.data.notes ?? '') : 'default seeded on first start',
    publishedAt: now,
    source: c.type === 'PublishChangeData' ? c.data.source : 'seed',
  };
  return [{ type: PUBLISHED_TYPES[kind], data }];
}

/** The decider of `changedata-<kind>-<id>` streams. */
export const changeDataDecider: Decider<ChangeDataCommand, ChangeDataEvent, ChangeDataHistory> = {
  initialState: initialChangeDataHistory,
  evolve: evolveChangeData,
  knows: knowsTypes<ChangeDataEvent>(CHANGE_DATA_EVENT_TYPES as ChangeDataEvent['type'][]),
  decide,
};
