import type { StoredEvent } from '@itil/engine';
import type { ReactorContext } from '@itil/reactors';
import type { TicketDecider } from '@itil/tickets';
import { templateReviewOnFailure } from './template-review.reactor';

const CHANGE = '00000000-0000-4000-8000-000000000009';
const noReads: ReactorContext = { readState: () => Promise.reject(new Error('a version 3 fact says it all: nothing to read')) };
const fact = (type: string, fields: Record<string, unknown>) => ({ type, streamId: `change-${CHANGE}`, data: { ticketId: CHANGE, from: 'implementing', to: 'review', via: 'FAIL', fields, previous: {}, note: null } }) as unknown as StoredEvent;

/** Lifecycle version 3: the outcome fact carries the request (policy templateReview). */
describe('Template review on failure, from a version 3 fact', () => {
  const reactor = templateReviewOnFailure({} as TicketDecider);

  it('marks the template version the request names, with its reason and the change', async () => {
    const request = { template: { id: 'patch-linux', version: 2 }, outcome: 'backoutFailed', reason: 'old kernel would not boot', requestedAt: '2026-03-10T23:00:00.000Z' };
    const [reaction] = await reactor.react(fact('ChangeBackoutFailed', { outcome: 'backoutFailed', templateReviewRequested: request }), noReads);
    expect([reaction.streamId, reaction.command]).toEqual([
      'changedata-template-patch-linux',
      { type: 'MarkTemplateUnderReview', data: { id: 'patch-linux', version: 2, reason: 'old kernel would not boot', changeId: CHANGE } },
    ]);
  });

  it('listens only to the facts that may carry a request', () => expect(reactor.filter.eventTypes).toEqual(['ChangeFailed', 'ChangeBackedOut', 'ChangeBackoutFailed']));
});
