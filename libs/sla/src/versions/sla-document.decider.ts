import { createHash } from 'node:crypto';
import { canonicalJson, knowsTypes, type Command, type Decider } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';
import { validateCalendarDocument } from '../documents/calendar-document';
import type { SlaFinding } from '../documents/sla-finding';
import { validatePolicy, type PolicyContext } from '../documents/validate-policy';
import { SlaDocumentInvalidError, SlaPublishNotAllowedError, SlaVersionConflictError, UnknownSlaDraftError } from '../sla.errors';
import { DOCUMENT_EVENT_TYPES, EVENT_TYPES, type DocumentSource, type DraftSavedData, type PublishedData, type SlaDocumentEvent, type SlaDocumentKind } from './sla-document.events';
import { initialDocumentHistory, liveOf, liveVersionOf, type DocumentHistory } from './sla-document.state';

interface DocumentCommandData {
  kind: SlaDocumentKind;
  name: string;
  notes?: string;
  source: DocumentSource;
  /** What a policy may refer to (published calendars), read by the caller before deciding. */
  context: PolicyContext;
}

/** Record a candidate document; it changes nothing live. A draft must validate (bad input writes nothing). */
export type SaveSlaDraft = Command<'SaveSlaDraft', DocumentCommandData & { document: unknown }>;
/** Publish the next version; `expectedVersion` is the live version the owner reviewed (0 for a new name). */
export type PublishSlaVersion = Command<'PublishSlaVersion', DocumentCommandData & { expectedVersion: number; draft?: number; document?: unknown }>;
export type SlaDocumentCommand = SaveSlaDraft | PublishSlaVersion;

export const contentHashOfDocument = (document: unknown): string => `sha256:${createHash('sha256').update(canonicalJson(document)).digest('hex')}`;

/** The stored form of a valid document (a calendar's zone canonical), or its findings. */
export function validateDocument(kind: SlaDocumentKind, input: unknown, context: PolicyContext): { valid: true; document: JsonObject } | { valid: false; findings: SlaFinding[] } {
  if (kind === 'calendar') {
    const r = validateCalendarDocument(input);
    return r.valid ? { valid: true, document: r.calendar as unknown as JsonObject } : r;
  }
  const r = validatePolicy(input, context);
  return r.valid ? { valid: true, document: r.policy as unknown as JsonObject } : r;
}

export function evolveDocument(h: DocumentHistory, e: SlaDocumentEvent): DocumentHistory {
  if (e.type.endsWith('VersionPublished')) {
    const d = e.data as PublishedData;
    return {
      name: d.name,
      versions: [...h.versions, { version: d.version, contentHash: d.contentHash, document: d.document, author: d.author, notes: d.notes, publishedAt: d.publishedAt, source: d.source, draft: d.draft }],
      drafts: h.drafts.map((x) => (x.status === 'open' && (x.draft === d.draft || x.contentHash === d.contentHash) ? { ...x, status: 'published' as const } : x)),
    };
  }
  if (e.type.endsWith('DraftSaved')) {
    const d = e.data as DraftSavedData;
    return { ...h, name: d.name, drafts: [...h.drafts, { draft: d.draft, basedOnVersion: d.basedOnVersion, contentHash: d.contentHash, document: d.document, author: d.author, notes: d.notes, savedAt: d.savedAt, source: d.source, status: 'open' }] };
  }
  return h; // a fact this version does not know: kept in the log, ignored by the fold
}

function decide(c: SlaDocumentCommand, h: DocumentHistory): SlaDocumentEvent[] {
  const { kind, name } = c.data;
  const author = c.metadata.actor;
  const now = c.metadata.now.toISOString();
  const types = EVENT_TYPES[kind];
  const live = liveOf(h);
  const valid = (input: unknown): JsonObject => {
    const r = validateDocument(kind, input, c.data.context);
    if (!r.valid) throw new SlaDocumentInvalidError(kind, name, r.findings);
    return r.document;
  };
  if (c.type === 'SaveSlaDraft') {
    const document = valid(c.data.document);
    const contentHash = contentHashOfDocument(document);
    // The live content or an already open draft proposes nothing new.
    if (contentHash === live?.contentHash || h.drafts.some((d) => d.status === 'open' && d.contentHash === contentHash)) return [];
    const data: DraftSavedData = { name, draft: h.drafts.length + 1, basedOnVersion: liveVersionOf(h), contentHash, document, author, notes: c.data.notes ?? '', savedAt: now, source: c.data.source };
    return [{ type: types.draft, data }];
  }
  if (c.data.expectedVersion !== liveVersionOf(h)) throw new SlaVersionConflictError(kind, name, c.data.expectedVersion, liveVersionOf(h));
  let input = c.data.document;
  let draft: number | null = null;
  if (c.data.draft !== undefined) {
    const open = h.drafts.find((d) => d.draft === c.data.draft && d.status === 'open');
    if (!open) throw new UnknownSlaDraftError(kind, name, c.data.draft);
    input = open.document;
    draft = open.draft;
  }
  if (input === undefined) throw new SlaDocumentInvalidError(kind, name, [{ path: '$', code: 'SCHEMA', message: 'give the document to publish, or the number of an open draft' }]);
  // A draft is validated again: the calendars a policy names are checked as they are now.
  const document = valid(input);
  const contentHash = contentHashOfDocument(document);
  if (contentHash === live?.contentHash) throw new SlaPublishNotAllowedError(`This ${kind} is identical to the live version ${live.version} of ${name}: nothing to publish.`);
  draft ??= h.drafts.find((d) => d.status === 'open' && d.contentHash === contentHash)?.draft ?? null;
  const data: PublishedData = { name, version: liveVersionOf(h) + 1, contentHash, document, author, notes: c.data.notes ?? '', publishedAt: now, source: c.data.source, draft };
  return [{ type: types.published, data }];
}

/** The decider of `sla-calendar-<name>` and `sla-policy-<name>` streams. */
export const slaDocumentDecider: Decider<SlaDocumentCommand, SlaDocumentEvent, DocumentHistory> = {
  initialState: initialDocumentHistory,
  evolve: evolveDocument,
  knows: knowsTypes<SlaDocumentEvent>(DOCUMENT_EVENT_TYPES as SlaDocumentEvent['type'][]),
  decide,
};
