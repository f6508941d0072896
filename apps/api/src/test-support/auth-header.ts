import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import request from 'supertest';
import type { AuthSettings } from '../auth/auth.settings';
import type { Role } from '../auth/roles';

/*
 * Test credentials. createTestApp trusts TEST_ISSUER's key, so a test authenticates with one call:
 *
 *   await request(server).post('/incidents').set(authHeader('raj')).send(body);        // admin
 *   await request(server).post('/incidents').set(authHeader('raj', ['agent'])).send(body);
 *   const api = as(t.app, 'raj');  await api.post('/incidents').send(body);           // every request
 *
 * Migrating an old test: `.set('X-Actor', 'raj')` becomes `.set(authHeader('raj'))`, and the
 * actor its events record becomes `user:raj` (pass 'user:raj' or 'raj': the same identity). A
 * request that had no X-Actor gets `.set(authHeader('tester'))`. The default role is `admin`, which
 * passes every endpoint: give explicit roles when the test is about who may do what.
 */

export const TEST_ISSUER = 'itil-test';
export const TEST_AUDIENCE = 'itil-engine';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
export const testPublicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'EdDSA' } as JWK;

/** The settings createTestApp installs: only the test issuer is trusted. */
export const testAuthSettings = (): AuthSettings => ({
  issuers: [{ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, algorithms: ['EdDSA'], keys: { keys: [testPublicJwk] } }],
  rolesClaim: 'roles',
  clockSkewSeconds: 30,
});

let jwksFile: string | undefined;
/**
 * Environment for an API started as a child process (main.ts) that trusts the same test key, with
 * development mode off (it would write tokens into the repository's ./data/dev).
 */
export function testAuthEnv(): Record<string, string> {
  if (!jwksFile) {
    jwksFile = join(mkdtempSync(join(tmpdir(), 'api-jwks-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [testPublicJwk] }));
  }
  return { AUTH_DEV_MODE: 'off', AUTH_JWKS_FILE: jwksFile, AUTH_JWT_ISSUER: TEST_ISSUER, AUTH_JWT_AUDIENCE: TEST_AUDIENCE, RATE_LIMIT_PER_MINUTE: '1000000' };
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWT signed synchronously (so it fits in `.set(...)`); claims and header can be bent for refusal tests. */
export function signTestJwt(claims: Record<string, unknown>, options: { header?: Record<string, unknown>; key?: KeyObject } = {}): string {
  const header = { alg: 'EdDSA', typ: 'JWT', kid: 'test-key', ...options.header };
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), options.key ?? privateKey).toString('base64url')}`;
}

/** Claims of a valid test token for `actor` (`raj` or `user:raj`), valid for a year from now. */
export function testClaims(actor: string, roles: Role[] = ['admin']): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const sub = actor.startsWith('user:') ? actor.slice('user:'.length) : actor;
  return { iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub, roles, iat: now, exp: now + 365 * 86_400 };
}

export function authHeader(actor: string, roles: Role[] = ['admin']): { Authorization: string } {
  return { Authorization: `Bearer ${signTestJwt(testClaims(actor, roles))}` };
}

/** supertest with the credential on every request: `as(t.app, 'pat', ['process-owner']).post(...)`. */
export function as(app: { getHttpServer(): unknown }, actor: string, roles?: Role[]) {
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  const headers = authHeader(actor, roles);
  return {
    get: (path: string) => request(server).get(path).set(headers),
    post: (path: string) => request(server).post(path).set(headers),
    put: (path: string) => request(server).put(path).set(headers),
    patch: (path: string) => request(server).patch(path).set(headers),
    delete: (path: string) => request(server).delete(path).set(headers),
  };
}
