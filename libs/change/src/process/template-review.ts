/**
 * The request a standard change makes when it does not succeed: review the template version it
 * was raised from. It is a field of the fact that records the outcome (ChangeFailed,
 * ChangeBackedOut, ChangeBackoutFailed), so it is written once, with the outcome, in the change's
 * own stream; the template store's reactor reads it with `templateReviewRequestOf`.
 */
export interface TemplateReviewRequest {
  template: { id: string; version: number };
  outcome: string;
  reason: string | null;
  requestedAt: string;
}

/** Outcomes that put a template in question, with the field that says why. */
export const TEMPLATE_REVIEW_OUTCOMES: Readonly<Record<string, string>> = { failed: 'failureNotes', backedOut: 'backoutReason', backoutFailed: 'backoutFailureNotes' };

/** The fact types that may carry a request (a reactor's event-type filter). */
export const TEMPLATE_REVIEW_FACTS = ['ChangeFailed', 'ChangeBackedOut', 'ChangeBackoutFailed'] as const;

/** The request a change fact carries, or null: for a reactor on `change-` streams. */
export function templateReviewRequestOf(data: unknown): (TemplateReviewRequest & { changeId: string }) | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { ticketId?: unknown; fields?: { templateReviewRequested?: unknown } };
  const r = d.fields?.templateReviewRequested as Partial<TemplateReviewRequest> | null | undefined;
  if (!r || typeof d.ticketId !== 'string' || typeof r.template?.id !== 'string' || typeof r.template.version !== 'number' || typeof r.outcome !== 'string') return null;
  return { changeId: d.ticketId, template: { id: r.template.id, version: r.template.version }, outcome: r.outcome, reason: typeof r.reason === 'string' ? r.reason : null, requestedAt: String(r.requestedAt) };
}
