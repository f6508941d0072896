import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { SlaDocumentInvalidError, SlaPublishNotAllowedError, SlaVersionConflictError, UnknownSlaDraftError } from '../sla.errors';
import { londonOffice, standardPolicy } from '../test-support/sla-fixtures';
import { contentHashOfDocument, slaDocumentDecider, type SlaDocumentCommand } from './sla-document.decider';
import type { SlaDocumentEvent } from './sla-document.events';

const spec = deciderSpec(slaDocumentDecider);
const NOW = new Date('2026-04-01T09:00:00Z');
const metadata = { now: NOW, actor: 'owner:pat' };
const context = { calendars: ['london-office'] };
const publish = (data: Partial<Extract<SlaDocumentCommand, { type: 'PublishSlaVersion' }>['data']>): SlaDocumentCommand => ({
  type: 'PublishSlaVersion',
  data: { kind: 'policy', name: 'incident-standard', expectedVersion: 0, source: 'api', context, ...data },
  metadata,
});
const published = (version: number, document: object, draft: number | null = null): SlaDocumentEvent => ({
  type: 'SlaPolicyVersionPublished',
  data: { name: 'incident-standard', version, contentHash: contentHashOfDocument(document), document: document as never, author: 'owner:pat', notes: '', publishedAt: NOW.toISOString(), source: 'api', draft },
});

describe('SLA documents: versions', () => {
  it('publishes version 1 of a new name when the owner expects version 0', () => spec.given([]).when(publish({ document: standardPolicy() })).then([published(1, standardPolicy())]));

  it('refuses when someone published since the version the owner reviewed', () =>
    spec.given([published(1, standardPolicy())]).when(publish({ document: standardPolicy({ warnings: [] }), expectedVersion: 0 })).thenThrows(SlaVersionConflictError, (e) => expect([e.expectedVersion, e.actualVersion]).toEqual([0, 1])));

  it('refuses an invalid document with its findings, and an unchanged one', () => {
    spec.given([]).when(publish({ document: standardPolicy({ calendar: 'nowhere' }) })).thenThrows(SlaDocumentInvalidError, (e) => expect(e.findings.map((f) => f.path)).toEqual(['$.calendar']));
    spec.given([published(1, standardPolicy())]).when(publish({ document: standardPolicy(), expectedVersion: 1 })).thenThrows(SlaPublishNotAllowedError);
  });

  it('saves a valid draft without changing the live version, and publishes it by number', () => {
    const draft: SlaDocumentCommand = { type: 'SaveSlaDraft', data: { kind: 'policy', name: 'incident-standard', document: standardPolicy({ warnings: [] }), source: 'api', context }, metadata };
    spec.given([published(1, standardPolicy())]).when(draft).thenState((h) => expect([h.versions.length, h.drafts.map((d) => [d.draft, d.basedOnVersion, d.status])]).toEqual([1, [[1, 1, 'open']]]));
    spec.given([published(1, standardPolicy())]).when({ ...draft, data: { ...draft.data, document: { ...standardPolicy(), warnings: [{ percent: 100, actions: [] }] } } }).thenThrows(SlaDocumentInvalidError);
    spec.given([published(1, standardPolicy())]).when(publish({ draft: 3, expectedVersion: 1 })).thenThrows(UnknownSlaDraftError);
  });

  it('stores a calendar under its canonical zone name', () =>
    spec
      .given([])
      .when({ type: 'PublishSlaVersion', data: { kind: 'calendar', name: 'london-office', expectedVersion: 0, document: { ...londonOffice, timeZone: 'europe/london' }, source: 'api', context }, metadata })
      .thenState((h) => expect((h.versions[0].document as { timeZone: string }).timeZone).toBe('Europe/London')));
});
