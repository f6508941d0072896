import { SHIPPED_ACTION_NAMES } from '@itil/lifecycles/test-support/definitions';
import { ALL_ACTION_NAMES, ALL_ACTIONS } from './all-actions';

describe('The action catalog', () => {
  it('knows every action the shipped lifecycles name, each with what it is for', () => {
    expect(SHIPPED_ACTION_NAMES.filter((name) => !ALL_ACTION_NAMES.includes(name))).toEqual([]);
    expect(Object.values(ALL_ACTIONS).filter((description) => description.trim() === '')).toEqual([]);
  });
});
