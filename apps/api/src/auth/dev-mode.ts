import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { TrustedIssuer } from './auth.settings';
import type { Role } from './roles';

/*
 * DEVELOPMENT MODE ONLY. On first start it creates a local Ed25519 signing key under
 * AUTH_DEV_DIR and, on every start, writes one token per development user next to it, so that a
 * developer (and the README walk-through) can call the API with
 * `-H "Authorization: Bearer $(cat ./data/dev/admin.token)"`. The configuration refuses this mode
 * when NODE_ENV=production (engine.config.ts), and AUTH_DEV_MODE=off turns it off anywhere.
 */

export const DEV_ISSUER = 'itil-dev-mode';
const TOKEN_DAYS = 30;

/** Named users so a walk-through shows distinct actors and refusals, not one all-powerful admin. */
export const DEV_USERS: { name: string; roles: Role[] }[] = [
  { name: 'admin', roles: ['admin'] },
  { name: 'ana', roles: ['agent'] },
  { name: 'raj', roles: ['resolver'] },
  { name: 'pat', roles: ['process-owner'] },
  // The README's service owner (approves requests) and email analyst.
  { name: 'olga', roles: ['agent'] },
  { name: 'mei', roles: ['resolver'] },
  { name: 'audrey', roles: ['auditor'] },
  { name: 'rita', roles: ['reporter'] },
];

export interface DevCredentials {
  issuer: TrustedIssuer;
  tokenFiles: { name: string; roles: Role[]; file: string }[];
  createdKey: boolean;
}

export async function ensureDevCredentials(dir: string, audience: string, now: Date): Promise<DevCredentials> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, 'signing-key.jwk.json');
  const createdKey = !existsSync(keyFile);
  if (createdKey) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `dev-${now.getTime()}`, alg: 'EdDSA' };
    writeFileSync(keyFile, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
  }
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'EdDSA');
  const issuedAt = Math.floor(now.getTime() / 1000);
  const tokenFiles = [];
  for (const user of DEV_USERS) {
    const token = await new SignJWT({ roles: user.roles, dev: true })
      .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(audience)
      .setSubject(user.name)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_DAYS * 86_400)
      .sign(key);
    const file = join(dir, `${user.name}.token`);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    tokenFiles.push({ ...user, file });
  }
  return {
    issuer: { issuer: DEV_ISSUER, audience, algorithms: ['EdDSA'], keys: { keys: [publicJwk] }, development: true },
    tokenFiles,
    createdKey,
  };
}

export function devModeBanner(credentials: DevCredentials, baseUrl: string): string {
  const width = Math.max(...credentials.tokenFiles.map((t) => t.name.length));
  const admin = credentials.tokenFiles.find((t) => t.name === 'admin')!;
  return [
    '*** DEVELOPMENT MODE: local credentials for development only; never use them in production. ***',
    `${credentials.createdKey ? 'Created' : 'Reusing'} the signing key and wrote a token (valid ${TOKEN_DAYS} days) per development user:`,
    ...credentials.tokenFiles.map((t) => `  ${t.name.padEnd(width)}  ${t.file}  (${t.roles.join(', ')})`),
    `Try: curl -H "Authorization: Bearer $(cat ${admin.file})" ${baseUrl}/auth/me`,
    'Turn it off with AUTH_DEV_MODE=off (NODE_ENV=production refuses it) and configure AUTH_JWKS_URL or AUTH_JWKS_FILE.',
  ].join('\n');
}
