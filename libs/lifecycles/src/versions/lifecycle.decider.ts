import { knowsTypes, type Decider } from '@itil/engine';
import type { JsonObject } from '@itil/event-store';
import { contentHashOf } from '@itil/workflow';
import { asMachineConfig, type LifecycleDefinition } from '../definition/lifecycle-json';
import { LifecycleDefinitionInvalidError, LifecycleVersionConflictError, PublishNotAllowedError, UnknownDraftError, UnknownProcessError } from '../lifecycle.errors';
import type { LifecycleFinding } from '../validation/lifecycle-finding';
import type { ValidationResult } from '../validation/validate-lifecycle';
import type { LifecycleCommand } from './lifecycle.commands';
import { LIFECYCLE_EVENT_TYPES, type LifecycleEvent } from './lifecycle.events';
import { initialLifecycleHistory, latestOf, liveVersionOf, openDrafts, type LifecycleHistory } from './lifecycle.state';

/** Validates a definition (JSON text or a parsed document) for a process; pure. */
export type ValidateDefinition = (definition: unknown, process: string) => ValidationResult;

export function evolveLifecycle(h: LifecycleHistory, e: LifecycleEvent): LifecycleHistory {
  switch (e.type) {
    case 'LifecycleVersionPublished': {
      const d = e.data;
      const definition = d.definition as unknown as LifecycleDefinition;
      return {
        ...h,
        process: d.process,
        versions: [...h.versions, { version: d.version, contentHash: d.contentHash, definition, author: d.author, notes: d.notes, publishedAt: d.publishedAt, source: d.source, draft: d.draft }],
        // Publishing content an open draft holds settles that draft too.
        drafts: h.drafts.map((x) => (x.status === 'open' && (x.draft === d.draft || x.contentHash === d.contentHash) ? { ...x, status: 'published' as const } : x)),
        fileHash: d.source === 'file' ? d.contentHash : h.fileHash,
      };
    }
    case 'LifecycleDraftProposed': {
      const d = e.data;
      return {
        ...h,
        process: d.process,
        drafts: [
          ...h.drafts,
          {
            draft: d.draft,
            basedOnVersion: d.basedOnVersion,
            contentHash: d.contentHash,
            definition: d.definition as unknown as LifecycleDefinition,
            author: d.author,
            notes: d.notes,
            proposedAt: d.proposedAt,
            source: d.source,
            fileName: d.fileName,
            status: 'open',
          },
        ],
        fileHash: d.source === 'file' ? d.contentHash : h.fileHash,
      };
    }
    case 'LifecycleDraftDiscarded':
      return { ...h, drafts: h.drafts.map((x) => (x.draft === e.data.draft ? { ...x, status: 'discarded' as const } : x)) };
    default: {
      // Exhaustive for the types this build knows; an unknown one never replaces the history.
      const _unknown: never = e;
      return h;
    }
  }
}

/** The decider of `lifecycle-<process>` streams, bound to the validator (guard and action registries). */
export function createLifecycleDecider(validate: ValidateDefinition): Decider<LifecycleCommand, LifecycleEvent, LifecycleHistory> {
  function decide(c: LifecycleCommand, h: LifecycleHistory): LifecycleEvent[] {
    const now = c.metadata.now.toISOString();
    const author = c.metadata.actor;
    const process = c.data.process;
    if (c.type === 'SeedLifecycle') {
      if (h.versions.length > 0) return [];
      const definition = valid(c.data.definition, process);
      const contentHash = contentHashOf(asMachineConfig(definition));
      return [
        {
          type: 'LifecycleVersionPublished',
          data: { process, version: 1, contentHash, definition: definition as unknown as JsonObject, author, notes: `Seeded from state-machines/${c.data.fileName}`, publishedAt: now, source: 'file', draft: null, fileName: c.data.fileName },
        },
      ];
    }
    const latest = latestOf(h);
    if (!latest) throw new UnknownProcessError(process);
    switch (c.type) {
      case 'ProposeLifecycleDraft': {
        const definition = proposable(c.data.definition, process);
        const contentHash = contentHashOf(asMachineConfig(definition));
        // An unchanged seed file, the live content or an already open draft proposes nothing new.
        if (c.data.source === 'file' && contentHash === h.fileHash) return [];
        if (contentHash === latest.contentHash || openDrafts(h).some((d) => d.contentHash === contentHash)) return [];
        return [
          {
            type: 'LifecycleDraftProposed',
            data: {
              process,
              draft: h.drafts.length + 1,
              basedOnVersion: latest.version,
              contentHash,
              definition: definition as unknown as JsonObject,
              author,
              notes: c.data.notes ?? '',
              proposedAt: now,
              source: c.data.source,
              fileName: c.data.fileName ?? null,
            },
          },
        ];
      }
      case 'DiscardLifecycleDraft': {
        if (!openDrafts(h).some((d) => d.draft === c.data.draft)) throw new UnknownDraftError(process, c.data.draft);
        return [{ type: 'LifecycleDraftDiscarded', data: { process, draft: c.data.draft, author, reason: c.data.reason, discardedAt: now } }];
      }
      case 'PublishLifecycleVersion': {
        if (c.data.expectedVersion !== liveVersionOf(h)) throw new LifecycleVersionConflictError(process, c.data.expectedVersion, liveVersionOf(h));
        let input = c.data.definition;
        let draftNumber: number | null = null;
        if (c.data.draft !== undefined) {
          const draft = openDrafts(h).find((d) => d.draft === c.data.draft);
          if (!draft) throw new UnknownDraftError(process, c.data.draft);
          input = draft.definition;
          draftNumber = draft.draft;
        }
        if (input === undefined) throw invalid(process, [{ path: '$', code: 'SCHEMA', severity: 'error', message: 'Give the definition to publish, or the number of an open draft.' }]);
        const definition = valid(input, process);
        const contentHash = contentHashOf(asMachineConfig(definition));
        if (contentHash === latest.contentHash) throw new PublishNotAllowedError(process, `This definition is identical to the live version ${latest.version} of ${process}: nothing to publish.`);
        const fromDraft = draftNumber ?? openDrafts(h).find((d) => d.contentHash === contentHash)?.draft ?? null;
        return [
          {
            type: 'LifecycleVersionPublished',
            data: { process, version: latest.version + 1, contentHash, definition: definition as unknown as JsonObject, author, notes: c.data.notes ?? '', publishedAt: now, source: c.data.source, draft: fromDraft, fileName: null },
          },
        ];
      }
      default: {
        const unknown: never = c;
        return unknown;
      }
    }
  }

  function valid(input: unknown, process: string): LifecycleDefinition {
    const result = validate(input, process);
    if (!result.valid || !result.definition) throw invalid(process, result.findings);
    return result.definition;
  }

  /** A draft may still have errors (that is what drafts are for), but it must be a document of this process. */
  function proposable(input: unknown, process: string): LifecycleDefinition {
    const result = validate(input, process);
    const blocking = result.findings.filter((f) => f.code === 'MALFORMED_JSON' || f.code === 'PROCESS_MISMATCH' || (f.code === 'SCHEMA' && (f.path === '$' || f.path === '$.id' || f.path === '$.states')));
    if (blocking.length > 0 || !result.definition) throw invalid(process, blocking.length > 0 ? blocking : result.findings);
    return result.definition;
  }

  return { initialState: initialLifecycleHistory, evolve: evolveLifecycle, knows: knowsTypes<LifecycleEvent>(LIFECYCLE_EVENT_TYPES), decide, machineOf: () => null };
}

const invalid = (process: string, findings: LifecycleFinding[]) => new LifecycleDefinitionInvalidError(process, findings);
