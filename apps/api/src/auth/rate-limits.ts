import { Injectable, Module, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { EngineConfig } from '../config/engine.config';
import { identityOf } from './identity';

/*
 * Rate limits per identity (the verified actor; the client address only where no credential is
 * needed). Two windows: every request counts against `default`; endpoints marked `@Expensive()`
 * (what-if over the whole log, migrations; exports and rebuilds when they exist) also count
 * against the much smaller `expensive` one. A refusal is 429 problem+json with Retry-After.
 */

export const EXPENSIVE_KEY = 'itil:expensive';
/** Marks an endpoint whose cost grows with the log: it gets the stricter per-identity limit. */
export const Expensive = () => SetMetadata(EXPENSIVE_KEY, true);

export interface RateLimits {
  perMinute: number;
  expensivePerMinute: number;
  /** Failed authentications per client address per minute before it is refused for a minute. */
  authFailuresPerMinute: number;
}
export const RATE_LIMITS = Symbol('RATE_LIMITS');

@Module({
  providers: [
    {
      provide: RATE_LIMITS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EngineConfig, true>): RateLimits => ({
        perMinute: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
        expensivePerMinute: config.get('RATE_LIMIT_EXPENSIVE_PER_MINUTE', { infer: true }),
        authFailuresPerMinute: config.get('RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', { infer: true }),
      }),
    },
  ],
  exports: [RATE_LIMITS],
})
export class RateLimitsModule {}

const isExpensive = (context: ExecutionContext) => Reflect.getMetadata(EXPENSIVE_KEY, context.getHandler()) === true;

export const throttlersOf = (limits: RateLimits) => ({
  throttlers: [
    { name: 'default', ttl: 60_000, limit: limits.perMinute },
    { name: 'expensive', ttl: 60_000, limit: limits.expensivePerMinute, skipIf: (context: ExecutionContext) => !isExpensive(context) },
  ],
  errorMessage: 'Too many requests from this identity; retry after the number of seconds in Retry-After',
});

/** Runs after AuthGuard (registered after it), so the identity is known when it counts. */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const identity = identityOf(req as unknown as Request);
    return identity ? identity.actor : `address:${String(req.ip)}`;
  }

  /** One budget per identity across all endpoints (the library's default is one per endpoint). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The library names the header per window (Retry-After-expensive); clients read Retry-After.
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
