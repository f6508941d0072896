import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { InvalidChangeDataError } from '../change.errors';
import { DEFAULT_CHANGE_DATA } from '../process/change-data';
import { changeDataDecider, contentHashOf, type ChangeDataCommand } from './change-data.decider';
import { ChangeDataNotAllowedError, ChangeDataUnchangedError, ChangeDataVersionConflictError, UnknownChangeDataError } from './change-data.errors';
import type { ChangeDataEvent, ChangeDataKind, ChangeDataVersionPublished } from './change-data.events';

const spec = deciderSpec(changeDataDecider);
const NOW = new Date('2026-04-01T09:00:00Z');
const metadata = { now: NOW, actor: 'user:mo' };
const calendar = { windows: [{ id: 'month-end', start: '2026-04-30T18:00:00Z', end: '2026-05-01T06:00:00Z', reason: 'Finance close', services: ['erp'] }] };
const publish = (document: unknown, expectedVersion = 0, kind: ChangeDataKind = 'freeze-calendar'): ChangeDataCommand => ({
  type: 'PublishChangeData',
  data: { kind, id: 'default', expectedVersion, document, source: 'api' },
  metadata,
});
const published = (version: number, document: object): ChangeDataVersionPublished => {
  const stored = { ...document, id: 'default', version } as never;
  return {
    type: 'ChangeFreezeCalendarVersionPublished',
    data: { kind: 'freeze-calendar', id: 'default', version, contentHash: contentHashOf(stored), document: stored, author: 'user:mo', notes: '', publishedAt: NOW.toISOString(), source: 'api' },
  };
};
const paths = (e: { findings: { path: string; code: string }[] }) => e.findings.map((f) => [f.path, f.code]);

describe('Change data: versions as facts', () => {
  it('publishes version 1 with the URL id, its author and content hash', () => spec.given([]).when(publish(calendar)).then([published(1, calendar)]));

  it('publishes the next version only over the version the change manager read', () => {
    const edited = { windows: [...calendar.windows, { id: 'year-end', start: '2026-12-24T00:00:00Z', end: '2027-01-02T00:00:00Z', reason: 'Year-end' }] };
    spec.given([published(1, calendar)]).when(publish(edited, 1)).then([published(2, edited)]);
    spec.given([published(1, calendar)]).when(publish(edited, 0)).thenThrows(ChangeDataVersionConflictError, (e) => expect([e.expectedVersion, e.actualVersion]).toEqual([0, 1]));
  });

  it('refuses a version identical to the live one, whatever version number the body carries', () =>
    spec.given([published(1, calendar)]).when(publish({ ...calendar, id: 'default', version: 7 }, 1)).thenThrows(ChangeDataUnchangedError));

  it('refuses a freeze window ending before it starts (a rule: 422 findings)', () =>
    spec
      .given([])
      .when(publish({ windows: [{ id: 'w', start: '2026-05-02T00:00:00Z', end: '2026-05-01T00:00:00Z', reason: 'r' }] }))
      .thenThrows(ChangeDataNotAllowedError, (e) => expect(paths(e)).toEqual([['$.windows[0].end', 'BAD_WINDOW']])));

  it('refuses a questionnaire whose levels are missing, and one with none (shape 400, rule 422)', () => {
    const questions = [{ id: 'outage', text: 'Outage?', options: [{ value: 'no', score: 0 }, { value: 'yes', score: 3 }] }];
    spec.given([]).when(publish({ questions }, 0, 'questionnaire')).thenThrows(InvalidChangeDataError, (e) => expect(paths(e)).toEqual([['$.levels', 'REQUIRED']]));
    spec.given([]).when(publish({ questions, levels: [] }, 0, 'questionnaire')).thenThrows(ChangeDataNotAllowedError, (e) => expect(paths(e)).toEqual([['$.levels', 'REQUIRED']]));
  });

  it('refuses unknown fields and wrong types at their paths', () =>
    spec
      .given([])
      .when(publish({ levels: { low: [{ group: 'cab', quorom: 2 }], medium: 'cab', high: [{ serviceOwner: 'yes' }] }, colour: 'red' }, 0, 'approval-rule'))
      .thenThrows(InvalidChangeDataError, (e) =>
        expect(paths(e)).toEqual([
          ['$.colour', 'UNKNOWN_FIELD'],
          ['$.levels.low[0].quorom', 'UNKNOWN_FIELD'],
          ['$.levels.medium', 'WRONG_TYPE'],
          ['$.levels.high[0].serviceOwner', 'WRONG_TYPE'],
        ]),
      ));

  it('refuses a document naming another id than the URL', () =>
    spec.given([]).when(publish({ ...calendar, id: 'other' })).thenThrows(InvalidChangeDataError, (e) => expect(paths(e)).toEqual([['$.id', 'ID_MISMATCH']])));

  it('seeds version 1 of a default once, and never over a published version', () => {
    const seed = (kind: ChangeDataKind, document: { id: string }): ChangeDataCommand => ({ type: 'SeedChangeData', data: { kind, id: document.id, document }, metadata: { now: NOW, actor: 'system:change-data-seed' } });
    for (const d of DEFAULT_CHANGE_DATA) spec.given([]).when(seed(d.kind, d.document)).thenState((h) => expect(h.versions.map((v) => v.version)).toEqual([1]));
    spec.given([published(1, calendar)]).when(seed('freeze-calendar', { ...calendar, id: 'default' })).then([]);
  });

  it('marks a template version under review once, and not a version that does not exist', () => {
    const template = { title: 'Patch', service: null, configurationItems: [], implementationPlan: 'p', backoutPlan: 'b', maxDurationMinutes: 60 };
    const v1: ChangeDataEvent = { ...published(1, template), type: 'ChangeTemplateVersionPublished', data: { ...published(1, template).data, kind: 'template' } };
    const mark = (version: number): ChangeDataCommand => ({ type: 'MarkTemplateUnderReview', data: { id: 'default', version, reason: 'CHG failed', changeId: 'c-1' }, metadata });
    const marked: ChangeDataEvent = { type: 'ChangeTemplateMarkedUnderReview', data: { kind: 'template', id: 'default', version: 1, reason: 'CHG failed', changeId: 'c-1', markedBy: 'user:mo', markedAt: NOW.toISOString() } };
    spec.given([v1]).when(mark(1)).then([marked]);
    spec.given([v1, marked]).when(mark(1)).then([]);
    spec.given([v1]).when(mark(2)).thenThrows(UnknownChangeDataError);
  });
});
