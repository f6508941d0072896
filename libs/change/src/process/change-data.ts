import { InvalidChangeDataError } from '../change.errors';
import type { DataFinding } from '../data-finding';
import { validateApprovalRule, type ApprovalRule } from '../approvals/approval-rule';
import { validateQuestionnaire, type RiskQuestionnaire } from '../risk/risk-questionnaire';
import { validateFreezeCalendar, type FreezeCalendar } from '../schedule/freeze-windows';
import { validateTemplate, type StandardChangeTemplate } from '../templates/standard-change-template';

import { PUBLISHED_TYPES, TEMPLATE_MARKED_UNDER_REVIEW, type ChangeDataKind, type ChangeDataPublishedData, type TemplateMarkedUnderReviewData } from '../documents/change-data.events';

export type { ChangeDataKind } from '../documents/change-data.events';

const KIND_OF_TYPE = new Map<string, ChangeDataKind>(Object.entries(PUBLISHED_TYPES).map(([kind, type]) => [type, kind as ChangeDataKind]));

export interface Documents {
  questionnaire: RiskQuestionnaire;
  'approval-rule': ApprovalRule;
  'freeze-calendar': FreezeCalendar;
  template: StandardChangeTemplate;
}

const VALIDATORS: { [K in ChangeDataKind]: (d: Documents[K]) => DataFinding[] } = {
  questionnaire: validateQuestionnaire,
  'approval-rule': validateApprovalRule,
  'freeze-calendar': validateFreezeCalendar,
  template: validateTemplate,
};

/**
 * The published versions of change enablement's data, as the policies read them at decide time.
 * In the API it is a read model of the log (ChangeDataAdmin folds the `changedata-*` facts into
 * it with `apply`); tests and demos may `publish` into it directly.
 *
 * The published versions of change enablement's data (risk questionnaires, approval rules,
 * freeze calendars, standard change templates). Versions are immutable once published and only
 * ever added, in order, so a policy reading "the latest" at decide time records which version it
 * used (the change keeps `{id, version}`), and replay never asks again: evolve does not run policies.
 * The well-known ids the change policies use are `default` for the questionnaire, the rule and
 * the calendar; templates by their own id.
 */
export class ChangeDataCatalog {
  private readonly docs = new Map<string, unknown[]>();
  /** `$all` position of the last fact applied (a cursor for incremental refreshes). */
  position: bigint | undefined;

  /** Forgets everything (a process that opens another store rebuilds its catalog from that store's log). */
  reset(): void {
    this.docs.clear();
    this.position = undefined;
  }

  /**
   * Folds a recorded change data fact; returns whether it was one. A version already held (a
   * repeat, or the same default seeded by a second process) is ignored, so applying is idempotent.
   */
  apply(e: { type: string; data: unknown; position?: bigint }): boolean {
    const kind = KIND_OF_TYPE.get(e.type);
    if (kind) {
      const d = e.data as ChangeDataPublishedData;
      const versions = this.docs.get(`${kind}:${d.id}`) ?? [];
      if (d.version === versions.length + 1) this.docs.set(`${kind}:${d.id}`, [...versions, structuredClone(d.document)]);
    } else if (e.type === TEMPLATE_MARKED_UNDER_REVIEW) {
      const d = e.data as TemplateMarkedUnderReviewData;
      const versions = this.docs.get(`template:${d.id}`);
      if (versions?.[d.version - 1]) versions[d.version - 1] = { ...(versions[d.version - 1] as object), underReview: true };
    } else return false;
    if (e.position !== undefined && (this.position === undefined || e.position > this.position)) this.position = e.position;
    return true;
  }

  publish<K extends ChangeDataKind>(kind: K, doc: Documents[K]): void {
    const findings = VALIDATORS[kind](doc);
    const versions = this.docs.get(`${kind}:${doc.id}`) ?? [];
    const expected = versions.length + 1;
    if (doc.version !== expected) findings.push({ path: '$.version', code: 'VERSION_CONFLICT', message: `the next version of ${kind} ${doc.id} is ${expected}` });
    if (findings.length > 0) throw new InvalidChangeDataError(kind, findings);
    this.docs.set(`${kind}:${doc.id}`, [...versions, structuredClone(doc)]);
  }

  latest<K extends ChangeDataKind>(kind: K, id: string): Documents[K] | undefined {
    return this.docs.get(`${kind}:${id}`)?.at(-1) as Documents[K] | undefined;
  }

  version<K extends ChangeDataKind>(kind: K, id: string, version: number): Documents[K] | undefined {
    return this.docs.get(`${kind}:${id}`)?.[version - 1] as Documents[K] | undefined;
  }

  list(kind: ChangeDataKind): { id: string; versions: number }[] {
    return [...this.docs.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([k, v]) => ({ id: k.slice(kind.length + 1), versions: v.length }));
  }
}

/** The data a demo or a test starts with: the levels of issue 17 (low: change manager; medium: 2 of the CAB; high: 3 of the CAB and the service owner). */
export function defaultChangeData(): ChangeDataCatalog {
  const data = new ChangeDataCatalog();
  for (const d of DEFAULT_CHANGE_DATA) data.publish(d.kind, d.document as never);
  return data;
}

type Default = { [K in ChangeDataKind]: { kind: K; document: Documents[K] } }[ChangeDataKind];

/** Version 1 of each default, seeded into the log on first start when the id has none. */
export const DEFAULT_CHANGE_DATA: readonly Default[] = [
  {
    kind: 'questionnaire',
    document: {
      id: 'default',
      version: 1,
      questions: [
        { id: 'outage', text: 'Does the change need a service outage?', options: [{ value: 'no', score: 0 }, { value: 'yes', score: 3 }] },
        { id: 'tested', text: 'Was it tested in a production-like environment?', options: [{ value: 'yes', score: 0 }, { value: 'no', score: 2 }] },
        { id: 'users', text: 'How many users are affected?', options: [{ value: 'few', score: 0 }, { value: 'many', score: 2 }, { value: 'all', score: 4 }] },
      ],
      levels: [
        { level: 'low', minScore: 0 },
        { level: 'medium', minScore: 2 },
        { level: 'high', minScore: 6 },
      ],
    },
  },
  {
    kind: 'approval-rule',
    document: {
      id: 'default',
      version: 1,
      levels: {
        low: [{ group: 'change-managers', quorum: 1 }],
        medium: [{ group: 'cab', quorum: 2 }],
        high: [{ group: 'cab', quorum: 3 }, { serviceOwner: true }],
      },
    },
  },
  { kind: 'approval-rule', document: { id: 'emergency', version: 1, levels: { low: [{ group: 'ecab', quorum: 1 }], medium: [{ group: 'ecab', quorum: 1 }], high: [{ group: 'ecab', quorum: 1 }] } } },
  { kind: 'freeze-calendar', document: { id: 'default', version: 1, windows: [{ id: 'year-end', start: '2026-12-24T00:00:00Z', end: '2027-01-02T00:00:00Z', reason: 'Year-end freeze' }] } },
  {
    kind: 'template',
    document: {
      id: 'patch-linux',
      version: 1,
      title: 'Monthly Linux security patches',
      service: null,
      configurationItems: [],
      implementationPlan: 'Apply the vendor patch set with the patch tool, reboot in the window',
      backoutPlan: 'Boot the previous kernel; restore the package snapshot',
      maxDurationMinutes: 240,
    },
  },
];
