import { policiesEnabled } from './policies-switch';

describe('ITIL_POLICIES', () => {
  it('runs the policies by default and when on; off turns them off', () => {
    expect(policiesEnabled({})).toBe(true);
    expect(policiesEnabled({ ITIL_POLICIES: '' })).toBe(true);
    expect(policiesEnabled({ ITIL_POLICIES: 'on' })).toBe(true);
    expect(policiesEnabled({ ITIL_POLICIES: 'off' })).toBe(false);
  });

  it('refuses anything else rather than guess', () => {
    expect(() => policiesEnabled({ ITIL_POLICIES: 'false' })).toThrow("ITIL_POLICIES: on or off (got 'false')");
  });
});
