import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { EngineMetrics } from '../observability/engine-metrics';
import { ApiKeyService, looksLikeApiKey } from './api-keys/api-key.service';
import { AuthFailureLimiter, TooManyAuthFailuresError } from './auth-failure-limiter';
import { AuthenticationRequiredError, ForbiddenError, InvalidCredentialsError, RolesNotDeclaredError } from './auth.errors';
import { attachIdentity, type Identity } from './identity';
import { JwtVerifier } from './jwt-verifier';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles';

/** Everything after the scheme; the scheme is case-insensitive (RFC 9110). */
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The global guard: every endpoint is refused unless it is `@Public()` or names its roles with
 * `@Roles(...)`. A credential is a bearer JWT or an API key (`itil_...`) in `Authorization`;
 * any one listed role passes, `admin` passes every declared check. The identity it attaches is
 * the only source of the actor events record.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtVerifier) private readonly jwt: JwtVerifier,
    @Inject(ApiKeyService) private readonly apiKeys: ApiKeyService,
    @Inject(EngineMetrics) private readonly metrics: EngineMetrics,
    @Inject(AuthFailureLimiter) private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.check(context);
    } catch (error) {
      // A burst of these is a misconfigured client, an expired IdP key, or someone guessing.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('AUTH.')) this.metrics.authRefusals.inc({ code });
      throw error;
    }
  }

  private async check(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!required || required.length === 0) {
      const endpoint = `${request.method} ${context.getClass().name}.${context.getHandler().name}`;
      this.logger.warn(`${endpoint} declares no roles: refused (add @Roles(...) or @Public())`);
      throw new RolesNotDeclaredError(endpoint);
    }
    const identity = await this.authenticate(request, context.switchToHttp().getResponse<Response>());
    attachIdentity(request, identity);
    if (identity.roles.includes('admin') || required.some((role) => identity.roles.includes(role))) return true;
    throw new ForbiddenError(required, identity.roles);
  }

  private async authenticate(request: Request, response: Response): Promise<Identity> {
    const header = request.header('Authorization');
    const address = String(request.ip);
    const wait = header === undefined ? 0 : this.failures.retryAfter(address);
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      throw new TooManyAuthFailuresError(wait);
    }
    try {
      if (header === undefined) throw new AuthenticationRequiredError();
      const token = BEARER.exec(header)?.[1];
      if (!token) throw new InvalidCredentialsError('invalid', 'Authorization must be "Bearer <token or API key>"');
      return looksLikeApiKey(token) ? await this.apiKeys.verify(token) : await this.jwt.verify(token);
    } catch (error) {
      // RFC 6750: a 401 says which scheme to use (and, for a bad token, that it was the token).
      const invalid = error instanceof InvalidCredentialsError ? ', error="invalid_token"' : '';
      if (error instanceof InvalidCredentialsError) this.failures.fail(address);
      response.setHeader('WWW-Authenticate', `Bearer realm="itil-engine"${invalid}`);
      throw error;
    }
  }
}
