import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandOptions } from '@itil/engine';

export interface RequestContext {
  actor: string;
  options: CommandOptions;
}

const TOKEN = /^[\w.:@/-]{1,200}$/;

/**
 * Who asks and how to deliver: `X-Actor` (until authentication exists), `Idempotency-Key`,
 * `If-Match` (the revision the client last saw: a mismatch is a 409) and `X-Correlation-Id`.
 */
export function requestContextOf(request: Request): RequestContext {
  const header = (name: string): string | undefined => {
    const value = request.header(name);
    if (value === undefined) return undefined;
    if (!TOKEN.test(value)) throw new BadRequestException(`Header ${name} must be 1-200 characters of letters, digits and . : @ / - _`);
    return value;
  };
  const ifMatch = request.header('If-Match');
  let expectedRevision: bigint | undefined;
  if (ifMatch !== undefined) {
    const revision = ifMatch.replace(/^W\//, '').replace(/"/g, '');
    if (!/^\d{1,18}$/.test(revision)) throw new BadRequestException('If-Match must be a revision number, e.g. "3"');
    expectedRevision = BigInt(revision);
  }
  return {
    actor: header('X-Actor') ?? 'anonymous',
    options: { idempotencyKey: header('Idempotency-Key'), correlationId: header('X-Correlation-Id'), expectedRevision },
  };
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) => requestContextOf(context.switchToHttp().getRequest<Request>()));
