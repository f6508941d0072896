import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { InvalidCredentialsError, SigningKeysUnavailableError } from './auth.errors';
import type { AuthSettings, TrustedIssuer } from './auth.settings';
import type { Identity } from './identity';
import { ROLES, type Role } from './roles';
import { VerifiedTokens } from './verified-tokens';

const SUBJECT = /^[\w.:@/-]{1,200}$/;
/** Longer than any real token; refuses work on a megabyte of base64 before parsing it. */
const MAX_TOKEN_LENGTH = 8_192;
const MAX_ROLES = 50;

interface Verifier {
  issuer: TrustedIssuer;
  getKey: JWTVerifyGetKey;
}

/**
 * Verifies bearer JWTs: the signature against the issuer's keys, `iss`, `aud`, `exp` (required),
 * `nbf`, with the configured clock skew. Only asymmetric algorithms from the allow-list pass, so
 * `alg: none` and an HMAC token signed with a public key (alg confusion) are refused.
 */
export class JwtVerifier {
  private readonly verifiers: Verifier[];
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly settings: AuthSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.verifiers = settings.issuers.map((issuer) => ({
      issuer,
      getKey: 'url' in issuer.keys ? createRemoteJWKSet(new URL(issuer.keys.url), { cooldownDuration: 30_000, timeoutDuration: 5_000 }) : createLocalJWKSet(issuer.keys),
    }));
  }

  get configured(): boolean {
    return this.verifiers.length > 0;
  }

  async verify(token: string): Promise<Identity> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidCredentialsError('invalid', 'The token is too long');
    const now = this.now();
    const known = this.verified.get(token, now.getTime());
    if (known) return known;
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      throw new InvalidCredentialsError('invalid', 'The bearer token is neither a JWT nor an API key');
    }
    // The unverified `iss` only picks which keys to check against; every claim is verified below.
    const verifier = this.verifiers.find((v) => v.issuer.issuer === claimed.iss);
    if (!verifier) throw new InvalidCredentialsError('invalid', 'The token comes from an issuer this API does not trust');
    try {
      const { payload } = await jwtVerify(token, verifier.getKey, {
        issuer: verifier.issuer.issuer,
        audience: verifier.issuer.audience,
        algorithms: verifier.issuer.algorithms,
        clockTolerance: this.settings.clockSkewSeconds,
        currentDate: now,
        requiredClaims: ['exp', 'sub'],
      });
      const identity = this.identityOf(payload, verifier.issuer);
      const skewMs = this.settings.clockSkewSeconds * 1000;
      // The same window jwtVerify just checked: exp is required, nbf optional.
      const window = { notBefore: (payload.nbf ?? 0) * 1000 - skewMs, expiresAt: payload.exp! * 1000 + skewMs };
      this.verified.remember(token, identity, window, now.getTime());
      return identity;
    } catch (error) {
      if (error instanceof InvalidCredentialsError) throw error;
      if (error instanceof errors.JWKSTimeout) throw new SigningKeysUnavailableError('timeout');
      if (error instanceof errors.JWTExpired) throw new InvalidCredentialsError('expired', 'The token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new InvalidCredentialsError('invalid', `The token's ${error.claim} claim is not accepted`);
      if (error instanceof errors.JOSEError) throw new InvalidCredentialsError('invalid', 'The token does not verify');
      // Only fetching a remote JWKS fails with something else (connection refused, DNS, TLS).
      if ('url' in verifier.issuer.keys) throw new SigningKeysUnavailableError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private identityOf(payload: JWTPayload, issuer: TrustedIssuer): Identity {
    const subject = payload.sub ?? '';
    if (!SUBJECT.test(subject)) throw new InvalidCredentialsError('invalid', 'The token subject must be 1-200 characters of letters, digits and . : @ / - _');
    const claim = payload[this.settings.rolesClaim];
    if (claim !== undefined && (!Array.isArray(claim) || claim.length > MAX_ROLES || claim.some((r) => typeof r !== 'string'))) {
      throw new InvalidCredentialsError('invalid', `The ${this.settings.rolesClaim} claim must be an array of at most ${MAX_ROLES} role names`);
    }
    // Roles this API does not know are ignored (an IdP often carries roles of other systems).
    const roles = ((claim as string[] | undefined) ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return { actor: `user:${subject}`, kind: 'user', roles: [...new Set(roles)], subject, ...(issuer.development ? { development: true } : {}) };
  }
}
