import type { Role } from './roles';

/*
 * Authentication and authorisation refusals, with stable codes (mapped to 401/403/400 in
 * apps/api/src/http/error-status.ts). The detail says what to do, never why a secret failed in a
 * way that helps guess it.
 */

/** No credential at all on an endpoint that needs one: 401. */
export class AuthenticationRequiredError extends Error {
  readonly code = 'AUTH.UNAUTHENTICATED';
  constructor() {
    super('This endpoint needs a credential: send Authorization: Bearer <token or API key>');
  }
}

/** A credential that does not verify (signature, issuer, audience, expiry, unknown or revoked key): 401. */
export class InvalidCredentialsError extends Error {
  readonly code: string;
  constructor(
    readonly reason: 'expired' | 'invalid' | 'revoked',
    detail: string,
  ) {
    super(detail);
    this.code = reason === 'expired' ? 'AUTH.TOKEN_EXPIRED' : reason === 'revoked' ? 'AUTH.CREDENTIAL_REVOKED' : 'AUTH.INVALID_CREDENTIALS';
  }
}

/** A verified identity without any of the roles the endpoint declares: 403. */
export class ForbiddenError extends Error {
  readonly code = 'AUTH.FORBIDDEN';
  constructor(
    readonly requiredRoles: Role[],
    readonly roles: Role[],
  ) {
    super(`This needs one of the roles ${requiredRoles.join(', ')}; the credential has ${roles.length ? roles.join(', ') : 'none'}`);
  }
}

/** An endpoint that declares neither @Roles nor @Public is refused to everyone, admin included: 403. */
export class RolesNotDeclaredError extends Error {
  readonly code = 'AUTH.ROLES_NOT_DECLARED';
  constructor(readonly endpoint: string) {
    super(`${endpoint} declares no roles, so nobody may call it (deny by default)`);
  }
}

/** X-Actor naming someone other than the verified identity: 400 (the actor comes from the credential). */
export class ActorHeaderRefusedError extends Error {
  readonly code = 'AUTH.ACTOR_HEADER_REFUSED';
  constructor(header: string, actor: string) {
    super(`X-Actor '${header}' is not the authenticated identity '${actor}'; the actor comes from the credential (omit X-Actor)`);
  }
}

/** The identity provider's keys cannot be fetched (JWKS URL down or slow): 503, not the client's fault. */
export class SigningKeysUnavailableError extends Error {
  readonly code = 'AUTH.KEYS_UNAVAILABLE';
  constructor(cause: string) {
    super(`The identity provider's signing keys cannot be fetched now (${cause}); retry later`);
  }
}
