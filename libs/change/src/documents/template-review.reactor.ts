import type { Command, Decider, StoredEvent } from '@itil/engine';
import type { Reaction, ReactorContext, Reactor } from '@itil/reactors';
import type { TicketDecider } from '@itil/tickets';
import { readTicket } from '../policies/reaction-helpers';
import { TEMPLATE_REVIEW_FACTS, TEMPLATE_REVIEW_OUTCOMES, templateReviewRequestOf } from '../process/template-review';
import { changeDataDecider, type MarkTemplateUnderReview } from './change-data.decider';
import { changeDataStream } from './change-data.events';

type Mark = MarkTemplateUnderReview['data'];

/**
 * ITIL: a standard change is pre-authorised because its template has a record of working; when a
 * change raised from it fails or is backed out, the template version goes back for review and
 * raises no new change until a new version is published. Lifecycle version 3 writes the request
 * on the outcome fact (`templateReviewRequested`, policy templateReview); a version 2 fact only
 * pins the outcome, so the change itself says which template it came from. Marking a version
 * twice writes nothing, so a second failure, a restart or a second runner is harmless.
 */
export function templateReviewOnFailure(change: TicketDecider): Reactor {
  return {
    name: 'template-review-on-failure',
    filter: { eventTypes: [...TEMPLATE_REVIEW_FACTS] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      if (!event.streamId.startsWith('change-')) return [];
      const mark = templateReviewRequestOf(event.data) ? fromRequest(event) : await fromOutcome(event, change, context);
      if (!mark) return [];
      const command: Omit<MarkTemplateUnderReview, 'metadata'> = { type: 'MarkTemplateUnderReview', data: mark };
      return [{ streamId: changeDataStream('template', mark.id), decider: changeDataDecider as unknown as Decider<Command, never, unknown>, command }];
    },
  };
}

function fromRequest(event: StoredEvent): Mark {
  const r = templateReviewRequestOf(event.data)!;
  return { id: r.template.id, version: r.template.version, reason: r.reason ?? `Standard change ${r.changeId} ended ${r.outcome}`, changeId: r.changeId };
}

async function fromOutcome(event: StoredEvent, change: TicketDecider, context: ReactorContext): Promise<Mark | null> {
  const outcome = String((event.data as { fields?: { outcome?: unknown } } | null)?.fields?.outcome);
  if (!(outcome in TEMPLATE_REVIEW_OUTCOMES)) return null;
  const changeId = event.streamId.slice('change-'.length);
  const ticket = await readTicket(context, change, changeId);
  const template = ticket.fields.template as { id?: unknown; version?: unknown } | undefined;
  if (ticket.fields.changeType !== 'standard' || typeof template?.id !== 'string' || typeof template.version !== 'number') return null;
  const why = ticket.fields[TEMPLATE_REVIEW_OUTCOMES[outcome]];
  return { id: template.id, version: template.version, reason: typeof why === 'string' && why !== '' ? why : `Standard change ${changeId} ended ${outcome}`, changeId };
}
