import { finding, isBlank, type DataFinding } from '../data-finding';

/**
 * A standard change is pre-authorised: the template was assessed once, and every change raised
 * from it is approved by the template itself (the approval fact's actor is
 * `template:<id>@<version>`). Templates are versioned data; a change keeps the version it was
 * raised from, and a failed standard change flags that version for review.
 */
export interface StandardChangeTemplate {
  id: string;
  version: number;
  title: string;
  service: string | null;
  configurationItems: string[];
  implementationPlan: string;
  backoutPlan: string;
  /** Longest planned window the pre-authorisation covers, in minutes. */
  maxDurationMinutes: number;
  /** A template under review (after a failure) raises no new changes until a new version is published. */
  underReview?: boolean;
}

export function validateTemplate(t: StandardChangeTemplate): DataFinding[] {
  const out: DataFinding[] = [];
  if (isBlank(t.id)) out.push(finding('$.id', 'REQUIRED', 'must be a non-empty id'));
  for (const key of ['title', 'implementationPlan', 'backoutPlan'] as const) {
    if (isBlank(t[key])) out.push(finding(`$.${key}`, 'REQUIRED', 'a pre-authorised change must say what it does and how to undo it'));
  }
  if (!Number.isInteger(t.maxDurationMinutes) || t.maxDurationMinutes <= 0) out.push(finding('$.maxDurationMinutes', 'BAD_DURATION', 'must be a whole number of minutes > 0'));
  if (!Array.isArray(t.configurationItems)) out.push(finding('$.configurationItems', 'REQUIRED', 'must list the items it touches (may be empty)'));
  return out;
}

/** Who approves a change raised from the template: the template version, as an actor. */
export const templateActor = (t: Pick<StandardChangeTemplate, 'id' | 'version'>): string => `template:${t.id}@${t.version}`;

/** The fields a change raised from the template starts with (the requester adds the window). */
export const fieldsFromTemplate = (t: StandardChangeTemplate) => ({
  title: t.title,
  service: t.service,
  configurationItems: [...t.configurationItems],
  implementationPlan: t.implementationPlan,
  backoutPlan: t.backoutPlan,
  riskLevel: 'low' as const,
  template: { id: t.id, version: t.version },
});
