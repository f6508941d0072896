import type { Identity } from './identity';

/** How long a verified token is trusted without checking its signature again. */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const CAPACITY = 10_000;

interface Entry {
  identity: Identity;
  /** The token's own validity window, clock skew included (epoch ms). */
  notBefore: number;
  expiresAt: number;
  /** When it must be verified again, whatever its `exp` says (epoch ms). */
  recheckAt: number;
}

/**
 * Tokens whose signature and claims verified, so that a client sending the same bearer token on
 * every request pays for one signature check a minute, not one per request (an ES256/EdDSA
 * verification was the largest single cost of a request in the HTTP profile). A hit is still
 * checked against the token's own `nbf`/`exp` at the current time, so the cache never accepts a
 * token the verifier would refuse on time grounds; the key is the whole token, signature
 * included, so a changed byte misses. The minute bounds how long a withdrawn signing key keeps
 * working (jose itself caches a remote key set for ten minutes). Least recently used goes first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
    private readonly capacity = CAPACITY,
  ) {}

  get(token: string, now: number): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (now < entry.notBefore || now >= entry.expiresAt || now >= entry.recheckAt) return undefined;
    this.entries.set(token, entry);
    return { ...entry.identity, roles: [...entry.identity.roles] };
  }

  remember(token: string, identity: Identity, window: { notBefore: number; expiresAt: number }, now: number): void {
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { identity: { ...identity, roles: [...identity.roles] }, ...window, recheckAt: now + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
