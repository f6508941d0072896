/**
 * Failed authentications per client address. Past `limit` failures in a minute the address is
 * refused for a minute before any credential is even checked, so guessing keys or replaying
 * stolen-but-expired tokens gets nowhere and costs the store nothing. Only failures count: a
 * valid credential from a busy NAT address is held to the per-identity limits instead.
 * In memory, per instance, bounded: the oldest addresses are forgotten first.
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number; blockedUntil: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfter(address: string): number {
    const w = this.windows.get(address);
    const now = this.now();
    return w && w.blockedUntil > now ? Math.ceil((w.blockedUntil - now) / 1000) : 0;
  }

  fail(address: string): void {
    const now = this.now();
    let w = this.windows.get(address);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, failures: 0, blockedUntil: 0 };
      this.windows.delete(address);
      if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(address, w);
    }
    if (++w.failures > this.limit) w.blockedUntil = now + 60_000;
  }
}

export class TooManyAuthFailuresError extends Error {
  readonly code = 'AUTH.TOO_MANY_FAILURES';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed authentications from this address; retry after ${retryAfterSeconds} s`);
  }
}
