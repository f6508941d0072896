import { knowsTypes, type Decider } from './decider';
import { FoldedStreamCache, emptyFold } from './folded-stream-cache';

const counter: Decider<never, { type: 'Counted'; data: { by: number } }, number> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.by,
  decide: () => [],
  knows: knowsTypes(['Counted']),
};
const otherDecider: typeof counter = { ...counter };

describe('The folded-stream cache', () => {
  it('drops the least recently used stream when full', () => {
    const cache = new FoldedStreamCache(2);
    cache.set(counter, 'a', emptyFold(counter));
    cache.set(counter, 'b', emptyFold(counter));
    cache.get(counter, 'a');
    cache.set(counter, 'c', emptyFold(counter));
    expect(cache.get(counter, 'a')).toBeDefined();
    expect(cache.get(counter, 'b')).toBeUndefined();
    expect(cache.get(counter, 'c')).toBeDefined();
  });

  it('never hands one decider the fold another decider made', () => {
    const cache = new FoldedStreamCache();
    cache.set(counter, 'a', emptyFold(counter));
    expect(cache.get(otherDecider, 'a')).toBeUndefined();
  });

  it('keeps nothing with a capacity of zero', () => {
    const cache = new FoldedStreamCache(0);
    cache.set(counter, 'a', emptyFold(counter));
    expect(cache.get(counter, 'a')).toBeUndefined();
  });
});
