import type { DomainEvent } from '../envelope/event-envelope';
import { knowsTypes, type Decider } from './decider';
import { FoldedStreamCache, emptyFold, foldInto, type WrittenEvent } from './folded-stream-cache';
import { EventFolder } from './event-folder';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';

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

  it('drops the least recently used folds when their idempotency keys exceed the byte budget', () => {
    const folder = new EventFolder(new UpcasterRegistry());
    const keyed = (streamId: string, revision: number, key: string): WrittenEvent<DomainEvent> => ({
      id: `e-${streamId}-${revision}`,
      type: 'Counted',
      data: { by: 1 },
      streamId,
      revision: BigInt(revision),
      envelope: { schemaVersion: 1, actor: 'user:ana', occurredAt: '', correlationId: '', causationId: null, machine: null, idempotencyKey: key, commandFingerprint: 'sha256:f', previousHash: null, hash: 'h' },
    });
    const cache = new FoldedStreamCache({ keyBytes: 1_000 });
    for (const id of ['a', 'b', 'c', 'd']) {
      const fold = emptyFold(counter);
      foldInto(fold, counter, folder, [0, 1].map((r) => keyed(id, r, `k${r}`)));
      expect(fold.state).toBe(2);
      cache.set(counter, id, fold);
    }
    expect(cache.size().keyBytes).toBeLessThanOrEqual(1_000);
    expect(cache.get(counter, 'a')).toBeUndefined();
    expect(cache.get(counter, 'd')?.keys.get(JSON.stringify([null, 'user:ana', 'k1']))).toEqual({ fingerprint: 'sha256:f', revision: 1n, count: 1 });
  });
});
