import type { Command, Decider, StoredEvent } from '@itil/engine';
import type { Reaction, ReactorContext, Reactor } from '@itil/reactors';
import type { TicketDecider } from '@itil/tickets';
import { readTicket } from '../policies/reaction-helpers';
import { changeDataDecider, type MarkTemplateUnderReview } from './change-data.decider';
import { changeDataStream } from './change-data.events';

const FAILED = ['failed', 'backedOut'];

/**
 * ITIL: a standard change is pre-authorised because its template has a record of working; when a
 * change raised from it fails or is backed out, the template version goes back for review and
 * raises no new change until a new version is published. Reacts to the fact that ends
 * implementation (by shape: a move that pins a failed outcome), whatever lifecycle version
 * recorded it; marking a version twice writes nothing, so a restart or a second runner is harmless.
 */
export function templateReviewOnFailure(change: TicketDecider): Reactor {
  return {
    name: 'template-review-on-failure',
    filter: { streamNamePrefixes: ['change-'] },
    async react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> {
      const d = (event.data ?? {}) as { to?: string; fields?: Record<string, unknown> };
      if (typeof d.to !== 'string' || !FAILED.includes(String(d.fields?.outcome))) return [];
      const id = event.streamId.slice('change-'.length);
      const ticket = await readTicket(context, change, id);
      const template = ticket.fields.template as { id?: unknown; version?: unknown } | undefined;
      if (ticket.fields.changeType !== 'standard' || typeof template?.id !== 'string' || typeof template.version !== 'number') return [];
      const command: Omit<MarkTemplateUnderReview, 'metadata'> = {
        type: 'MarkTemplateUnderReview',
        data: { id: template.id, version: template.version, reason: `Standard change ${id} ended ${String(d.fields?.outcome)}`, changeId: id },
      };
      return [{ streamId: changeDataStream('template', template.id), decider: changeDataDecider as unknown as Decider<Command, never, unknown>, command }];
    },
  };
}
