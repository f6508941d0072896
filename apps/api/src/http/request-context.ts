import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandOptions } from '@itil/engine';
import { ActorHeaderRefusedError, AuthenticationRequiredError } from '../auth/auth.errors';
import { identityOf } from '../auth/identity';
import { correlationIdOf } from '../observability/http-observer';

export interface RequestContext {
  actor: string;
  options: CommandOptions;
}

const TOKEN = /^[\w.:@/-]{1,200}$/;

/**
 * Who asks and how to deliver. The actor is the verified identity the AuthGuard attached
 * (`user:<sub>`, `apikey:<id>`, or the rule/policy a service key acts for), never a header or a
 * body field. `X-Actor` is refused unless it names that same identity, so a client that still
 * thinks it chooses the author learns that it does not. `Idempotency-Key`, `If-Match` (the
 * revision the client last saw: a mismatch is a 409), and `X-Correlation-Id` (or the one the
 * HttpObserver made up, so the request's log line and its events share it).
 */
export function requestContextOf(request: Request): RequestContext {
  const header = (name: string): string | undefined => {
    const value = request.header(name);
    if (value === undefined) return undefined;
    if (!TOKEN.test(value)) throw new BadRequestException(`Header ${name} must be 1-200 characters of letters, digits and . : @ / - _`);
    return value;
  };
  const identity = identityOf(request);
  if (!identity) throw new AuthenticationRequiredError();
  const claimed = request.header('X-Actor');
  if (claimed !== undefined && claimed !== identity.actor) throw new ActorHeaderRefusedError(claimed.slice(0, 200), identity.actor);
  const ifMatch = request.header('If-Match');
  let expectedRevision: bigint | undefined;
  if (ifMatch !== undefined) {
    const revision = ifMatch.replace(/^W\//, '').replace(/"/g, '');
    if (!/^\d{1,18}$/.test(revision)) throw new BadRequestException('If-Match must be a revision number, e.g. "3"');
    expectedRevision = BigInt(revision);
  }
  return {
    actor: identity.actor,
    options: { idempotencyKey: header('Idempotency-Key'), correlationId: header('X-Correlation-Id') ?? correlationIdOf(request), expectedRevision },
  };
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => requestContextOf(context.switchToHttp().getRequest<Request>()));
