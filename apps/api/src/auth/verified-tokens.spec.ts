import type { Identity } from './identity';
import { VerifiedTokens } from './verified-tokens';

const raj: Identity = { actor: 'user:raj', kind: 'user', roles: ['resolver'], subject: 'raj' };
const window = { notBefore: 1_000, expiresAt: 100_000 };

describe('VerifiedTokens: verified JWTs trusted for a bounded time', () => {
  it('answers a remembered token within its window and the recheck interval, as a copy', () => {
    const cache = new VerifiedTokens(60_000);
    cache.remember('t1', raj, window, 10_000);
    const hit = cache.get('t1', 20_000)!;
    expect(hit).toEqual(raj);
    hit.roles.push('admin');
    expect(cache.get('t1', 20_000)!.roles).toEqual(['resolver']);
    expect(cache.get('t2', 20_000)).toBeUndefined();
  });

  it('never answers past exp (skew included) nor before nbf, and forgets the entry', () => {
    const cache = new VerifiedTokens(1_000_000);
    cache.remember('t1', raj, window, 10_000);
    expect(cache.get('t1', 99_999)).toBeDefined();
    expect(cache.get('t1', 100_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.remember('t2', raj, window, 10_000);
    expect(cache.get('t2', 999)).toBeUndefined();
  });

  it('asks for a fresh verification once the recheck interval has passed, even if exp is later', () => {
    const cache = new VerifiedTokens(60_000);
    cache.remember('t1', raj, { notBefore: 0, expiresAt: 10_000_000 }, 0);
    expect(cache.get('t1', 59_999)).toBeDefined();
    expect(cache.get('t1', 60_000)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the least recently used', () => {
    const cache = new VerifiedTokens(60_000, 2);
    cache.remember('a', raj, window, 1_000);
    cache.remember('b', raj, window, 1_000);
    expect(cache.get('a', 2_000)).toBeDefined(); // a is now the most recent
    cache.remember('c', raj, window, 1_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 2_000)).toBeUndefined();
    expect(cache.get('a', 2_000)).toBeDefined();
    expect(cache.get('c', 2_000)).toBeDefined();
  });
});
