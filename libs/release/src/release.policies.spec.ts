import type { TicketRecord } from '@itil/tickets';
import { isAuthorisedChange } from './release.policies';

const change = (state: string, fields: Record<string, unknown>): TicketRecord => ({ id: 'c1', process: 'change', state, category: 'active', fields });
const AUTHORISATION = { rule: { id: 'default', version: 1 }, level: 'medium', by: 'approvers', authorisedAt: '2026-03-02T09:00:00Z' };

describe('a change a release may deploy', () => {
  it('is authorised by its board (normal, emergency) or by its template (standard)', () => {
    expect(isAuthorisedChange(change('scheduled', { changeType: 'normal', authorisation: AUTHORISATION }))).toBe(true);
    expect(isAuthorisedChange(change('review', { changeType: 'emergency', authorisation: { ...AUTHORISATION, retrospective: true } }))).toBe(true);
    expect(isAuthorisedChange(change('scheduled', { changeType: 'standard', template: { id: 'patch', version: 1 } }))).toBe(true);
  });

  it('is not an emergency change implementing before its ECAB decided, nor one whose authorisation a reschedule withdrew', () => {
    expect(isAuthorisedChange(change('implementing', { changeType: 'emergency', authorisation: null, expeditedReason: 'outage' }))).toBe(false);
    expect(isAuthorisedChange(change('cabReview', { changeType: 'normal', authorisation: null }))).toBe(false);
  });

  it('is not a change in a state that holds no authorisation, an unknown ticket, another process, or one whose fields are not known', () => {
    expect(isAuthorisedChange(change('assessment', { changeType: 'normal', authorisation: AUTHORISATION }))).toBe(false);
    expect(isAuthorisedChange(undefined)).toBe(false);
    expect(isAuthorisedChange({ ...change('scheduled', { authorisation: AUTHORISATION }), process: 'incident' })).toBe(false);
    expect(isAuthorisedChange({ id: 'c1', process: 'change', state: 'scheduled', category: 'active' })).toBe(false);
  });
});
