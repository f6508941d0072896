import type { VersionedRule } from './automation-rule.types';
import { matchRule } from './match-rule';

const assign = (id: string, order: number, when: VersionedRule['when'], extra: Partial<VersionedRule> = {}): VersionedRule =>
  ({ id, version: 1, kind: 'auto-assign', order, enabled: true, process: 'incident', when, then: { assignmentGroup: id }, ...extra }) as VersionedRule;

describe('Matching a ticket to the automation rule that applies', () => {
  const rules = [assign('vpn-network', 10, { service: 'vpn' }), assign('routers', 5, { configurationItem: 'edge-router-leeds' }), assign('catch-all', 1000, {})];

  it('takes the first match by order: a configuration-item rule at 5 wins over a service rule at 10', () =>
    expect(matchRule(rules, 'auto-assign', { process: 'incident', service: 'vpn', configurationItem: 'edge-router-leeds' })?.id).toBe('routers'));

  it('needs every condition of a rule to hold', () => expect(matchRule(rules, 'auto-assign', { process: 'incident', service: 'email' })?.id).toBe('catch-all'));

  it('matches by category', () =>
    expect(matchRule([...rules, assign('hardware', 7, { category: 'hardware' })], 'auto-assign', { process: 'incident', category: 'hardware', service: 'vpn' })?.id).toBe('hardware'));

  it('ignores rules of another process, another kind, or switched off', () => {
    const others = [assign('req', 1, {}, { process: 'service-request' }), assign('off', 1, {}, { enabled: false }), { ...assign('close', 1, {}), kind: 'auto-close' } as VersionedRule];
    expect(matchRule(others, 'auto-assign', { process: 'incident' })).toBeUndefined();
  });

  it('breaks a tie of order by id, whatever order the rules come in', () => {
    const tied = [assign('b-rule', 10, {}), assign('a-rule', 10, {})];
    expect(matchRule(tied, 'auto-assign', { process: 'incident' })?.id).toBe('a-rule');
    expect(matchRule([...tied].reverse(), 'auto-assign', { process: 'incident' })?.id).toBe('a-rule');
  });
});
