import { emptySnapshot, initialTicket, PolicyRefusedError, type PolicyInput, type Ticket, type TicketLink } from '@itil/tickets';
import { problemFields } from './problem.fields';
import { incidentsOf, knownErrorRecord, resolutionThroughChange, resolveLinkedIncidents } from './problem.policies';

const NOW = new Date('2026-03-02T09:00:00Z');
const CATEGORIES: Record<string, string> = { underInvestigation: 'active', knownError: 'active', awaitingChange: 'pending', resolved: 'resolved', closed: 'closed' };
const problem = (state: string, fields: Ticket['fields'] = {}, links: TicketLink[] = []): Ticket => ({ ...initialTicket(), exists: true, id: 'p1', process: 'problem', state, fields, links });
const link = (kind: string, id: string, process: string | null = 'incident'): TicketLink => ({ linkId: `link-${id}`, kind, target: { type: 'ticket', id, process } });
const input = (before: Ticket, to: string, via: string | null, setting: Ticket['fields'] = {}): PolicyInput => ({
  command: { type: 'MoveTicket', data: { ticketId: before.id, event: via ?? '', input: {} }, metadata: { now: NOW, actor: 'user:pat' } },
  before,
  to,
  via,
  setting,
  after: { ...before.fields, ...setting },
  dictionary: problemFields,
  references: emptySnapshot(),
  categoryOf: (s) => CATEGORIES[s],
});

describe('Problem policies', () => {
  it('publishes the known error record the first time the problem reaches knownError, with a workaround before any root cause', () => {
    expect(knownErrorRecord.derive!(input(problem('underInvestigation'), 'knownError', 'RECORD_WORKAROUND', { workaround: 'use the file share' }))).toEqual({ knownErrorPublishedAt: NOW.toISOString() });
    expect(knownErrorRecord.derive!(input(problem('knownError', { knownErrorPublishedAt: '2026-01-01T00:00:00.000Z' }), 'knownError', 'IDENTIFY_ROOT_CAUSE'))).toBeUndefined();
    expect(knownErrorRecord.derive!(input(problem('underInvestigation'), 'awaitingVendor', 'PEND'))).toBeUndefined();
  });

  it('raises the change the problem is linked to (resolved-by-change), and refuses another one', () => {
    const linked = problem('knownError', {}, [link('resolved-by-change', 'c1', 'change')]);
    expect(resolutionThroughChange.derive!(input(linked, 'awaitingChange', 'RAISE_CHANGE'))).toEqual({ changeId: 'c1' });
    expect(() => resolutionThroughChange.check!(input(linked, 'awaitingChange', 'RAISE_CHANGE', { changeId: 'c2' }))).toThrow(PolicyRefusedError);
    expect(() => resolutionThroughChange.check!(input(linked, 'awaitingChange', 'RAISE_CHANGE', { changeId: 'c1' }))).not.toThrow();
    // Without a link (no change ticket yet), the change is named by its reference.
    expect(() => resolutionThroughChange.check!(input(problem('knownError'), 'awaitingChange', 'RAISE_CHANGE', { changeId: 'CHG-1' }))).not.toThrow();
  });

  it('knows its incidents: those it was raised from and those linked since', () =>
    expect(incidentsOf(problem('knownError', { incidentIds: ['i1', 'i2'] }, [link('affects', 'i3'), link('affects', 'i1'), link('related-to', 'i9')]))).toEqual(['i1', 'i2', 'i3']));

  it('offers to resolve each linked incident still open once the problem is resolved', () => {
    const resolved = problem('resolved', { incidentIds: ['i1', 'i2'] }, [link('affects', 'i3')]);
    const references = emptySnapshot();
    references.ticket = {
      i1: { id: 'i1', process: 'incident', state: 'inProgress', category: 'active' },
      i2: { id: 'i2', process: 'incident', state: 'closed', category: 'closed' },
      i3: { id: 'i3', process: 'incident', state: 'awaitingCaller', category: 'pending' },
    };
    const offers = resolveLinkedIncidents.offers!({ ticket: resolved, references, categoryOf: (s) => CATEGORIES[s] });
    expect(offers).toEqual([
      { action: 'resolve-incident', ticket: { process: 'incident', id: 'i1' }, event: 'RESOLVE', reason: 'the problem behind it is resolved' },
      { action: 'resolve-incident', ticket: { process: 'incident', id: 'i3' }, event: 'RESOLVE', reason: 'the problem behind it is resolved' },
    ]);
    expect(resolveLinkedIncidents.offers!({ ticket: { ...resolved, state: 'knownError' }, references, categoryOf: (s) => CATEGORIES[s] })).toEqual([]);
    expect(resolveLinkedIncidents.references!(resolved)).toEqual([{ kind: 'ticket', id: 'i1' }, { kind: 'ticket', id: 'i2' }, { kind: 'ticket', id: 'i3' }]);
  });
});
