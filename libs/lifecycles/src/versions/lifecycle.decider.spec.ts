import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { contentHashOf } from '@itil/workflow';
import type { JsonObject } from '@itil/event-store';
import { asMachineConfig, type LifecycleDefinition } from '../definition/lifecycle-json';
import { LifecycleDefinitionInvalidError, LifecycleVersionConflictError, PublishNotAllowedError, UnknownDraftError, UnknownProcessError } from '../lifecycle.errors';
import { brokenIncident, context, incidentWithoutVendorPending, seed, seedText } from '../test-support/definitions';
import { validateLifecycle } from '../validation/validate-lifecycle';
import { createLifecycleDecider } from './lifecycle.decider';
import type { LifecycleCommand } from './lifecycle.commands';
import type { LifecycleEvent } from './lifecycle.events';

const spec = deciderSpec(createLifecycleDecider((d, process) => validateLifecycle(d, context(process))));
const NOW = new Date('2026-04-01T09:00:00Z');
const by = (actor: string) => ({ now: NOW, actor });
const hash = (d: LifecycleDefinition) => contentHashOf(asMachineConfig(d));
const v1 = seed('incident');
const v2 = incidentWithoutVendorPending();

const published = (version: number, definition: LifecycleDefinition, extra: Partial<Extract<LifecycleEvent, { type: 'LifecycleVersionPublished' }>['data']> = {}): LifecycleEvent => ({
  type: 'LifecycleVersionPublished',
  data: { process: 'incident', version, contentHash: hash(definition), definition: definition as unknown as JsonObject, author: 'system:lifecycle-seed', notes: 'Seeded from state-machines/incident.json', publishedAt: NOW.toISOString(), source: 'file', draft: null, fileName: 'incident.json', ...extra },
});
const proposed = (draft: number, definition: LifecycleDefinition, source: 'file' | 'api' = 'api'): LifecycleEvent => ({
  type: 'LifecycleDraftProposed',
  data: { process: 'incident', draft, basedOnVersion: 1, contentHash: hash(definition), definition: definition as unknown as JsonObject, author: 'owner:pat', notes: '', proposedAt: NOW.toISOString(), source, fileName: source === 'file' ? 'incident.json' : null },
});
const seedCmd: LifecycleCommand = { type: 'SeedLifecycle', data: { process: 'incident', definition: seedText('incident'), fileName: 'incident.json' }, metadata: by('system:lifecycle-seed') };
const publish = (data: Partial<Extract<LifecycleCommand, { type: 'PublishLifecycleVersion' }>['data']>): LifecycleCommand => ({
  type: 'PublishLifecycleVersion',
  data: { process: 'incident', expectedVersion: 1, source: 'api', ...data },
  metadata: by('owner:pat'),
});
const propose = (definition: unknown, source: 'file' | 'api' = 'api'): LifecycleCommand => ({ type: 'ProposeLifecycleDraft', data: { process: 'incident', definition, source }, metadata: by('owner:pat') });

describe('Lifecycle versions: first start', () => {
  it('publishes the seed file as version 1 when the stream is empty', () => spec.given([]).when(seedCmd).then([published(1, v1)]));
  it('seeds nothing once a version exists', () => spec.given([published(1, v1)]).when(seedCmd).then([]));
  it('refuses to seed an invalid file', () =>
    spec
      .given([])
      .when({ ...seedCmd, data: { ...seedCmd.data, definition: brokenIncident() } })
      .thenThrows(LifecycleDefinitionInvalidError, (e) => expect(e.findings.filter((f) => f.severity === 'error')).toHaveLength(3)));
});

describe('Lifecycle versions: drafts', () => {
  it('records a draft based on the live version, without changing it', () =>
    spec.given([published(1, v1)]).when(propose(v2)).then([proposed(1, v2)]));
  it('keeps a draft that still has errors (that is what drafts are for)', () =>
    spec.given([published(1, v1)]).when(propose(brokenIncident())).thenState((h) => expect(h.drafts.map((d) => d.status)).toEqual(['open'])));
  it('proposes nothing for content that is live or already an open draft', () => {
    spec.given([published(1, v1)]).when(propose(v1)).then([]);
    spec.given([published(1, v1), proposed(1, v2)]).when(propose(v2)).then([]);
  });
  it('proposes nothing for a seed file seen before, even after another version went live', () =>
    spec.given([published(1, v1), published(2, v2, { source: 'api', fileName: null })]).when(propose(v1, 'file')).then([]));
  it('refuses a document of another process, or one that is not JSON', () => {
    spec.given([published(1, v1)]).when(propose(seed('problem'))).thenThrows(LifecycleDefinitionInvalidError, (e) => expect(e.findings[0].path).toBe('$.id'));
    spec.given([published(1, v1)]).when(propose('{"id": "incident",')).thenThrows(LifecycleDefinitionInvalidError, (e) => expect(e.findings[0].code).toBe('MALFORMED_JSON'));
  });
  it('refuses a draft for a process that has no version', () => spec.given([]).when(propose(v2)).thenThrows(UnknownProcessError));
  it('discards an open draft and refuses to discard it twice', () => {
    const discard: LifecycleCommand = { type: 'DiscardLifecycleDraft', data: { process: 'incident', draft: 1, reason: 'superseded' }, metadata: by('owner:pat') };
    spec.given([published(1, v1), proposed(1, v2)]).when(discard).then([{ type: 'LifecycleDraftDiscarded', data: { process: 'incident', draft: 1, author: 'owner:pat', reason: 'superseded', discardedAt: NOW.toISOString() } }]);
    spec.given([published(1, v1), proposed(1, v2), { type: 'LifecycleDraftDiscarded', data: { process: 'incident', draft: 1, author: 'x', reason: 'r', discardedAt: '' } }]).when(discard).thenThrows(UnknownDraftError);
  });
});

describe('Lifecycle versions: publishing', () => {
  it('publishes an open draft as the next version and settles the draft', () =>
    spec
      .given([published(1, v1), proposed(1, v2)])
      .when(publish({ draft: 1, notes: 'No vendor pending' }))
      .thenState((h) => {
        expect(h.versions.map((v) => [v.version, v.contentHash, v.draft, v.author])).toEqual([
          [1, hash(v1), null, 'system:lifecycle-seed'],
          [2, hash(v2), 1, 'owner:pat'],
        ]);
        expect(h.drafts[0].status).toBe('published');
      }));
  it('refuses when someone published since the version the owner reviewed', () =>
    spec
      .given([published(1, v1), published(2, v2, { source: 'api' })])
      .when(publish({ definition: v1, expectedVersion: 1 }))
      .thenThrows(LifecycleVersionConflictError, (e) => expect([e.expectedVersion, e.actualVersion]).toEqual([1, 2])));
  it('refuses an invalid definition, with its findings', () =>
    spec
      .given([published(1, v1)])
      .when(publish({ definition: brokenIncident() }))
      .thenThrows(LifecycleDefinitionInvalidError, (e) => expect(e.findings.filter((f) => f.severity === 'error').map((f) => f.path)).toEqual(['$.states.assigned.on.START_WORK.guard', '$.states.triage', '$.states.onHold'])));
  it('refuses to publish the live content again', () => spec.given([published(1, v1)]).when(publish({ definition: v1 })).thenThrows(PublishNotAllowedError));
  it('refuses an unknown draft', () => spec.given([published(1, v1)]).when(publish({ draft: 7 })).thenThrows(UnknownDraftError));
});
