import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { FixedClock } from '@itil/engine';
import { devModeEnabled, validateEngineConfig, type EngineConfig } from '../config/engine.config';
import { authSettingsOf } from './auth.module';
import { DEV_ISSUER, ensureDevCredentials } from './dev-mode';
import { JwtVerifier } from './jwt-verifier';

const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
const configOf = (env: Record<string, string>) => new ConfigService<EngineConfig, true>(validateEngineConfig(env));

describe('Development mode: local credentials, never in production', () => {
  it('refuses to start with AUTH_DEV_MODE=on when NODE_ENV=production', () => {
    expect(() => validateEngineConfig({ NODE_ENV: 'production', AUTH_DEV_MODE: 'on' })).toThrow(/AUTH_DEV_MODE: development credentials are refused when NODE_ENV=production/);
  });

  it('is on by default only in development, for the embedded store without JWT keys', () => {
    const base = { AUTH_DEV_MODE: 'auto' as const, NODE_ENV: undefined, AUTH_JWKS_URL: undefined, AUTH_JWKS_FILE: undefined, EVENTSTORE_CONNECTION_STRING: undefined };
    expect(devModeEnabled(base)).toBe(true);
    expect(devModeEnabled({ ...base, NODE_ENV: 'production' })).toBe(false);
    expect(devModeEnabled({ ...base, NODE_ENV: 'test' })).toBe(false);
    expect(devModeEnabled({ ...base, NODE_ENV: 'development' })).toBe(true);
    expect(devModeEnabled({ ...base, AUTH_DEV_MODE: 'off' })).toBe(false);
    expect(devModeEnabled({ ...base, AUTH_JWKS_URL: 'https://idp.example/jwks' })).toBe(false);
    expect(devModeEnabled({ ...base, EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })).toBe(false);
    expect(devModeEnabled({ ...base, AUTH_DEV_MODE: 'on', AUTH_JWKS_URL: 'https://idp.example/jwks' })).toBe(true);
  });

  it('requires an issuer when JWT keys are configured', () => {
    expect(() => validateEngineConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/AUTH_JWT_ISSUER: required/);
  });

  it('creates a signing key on first start and tokens each start; the tokens verify as the named users', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dev-auth-')), 'dev');
    const first = await ensureDevCredentials(dir, 'itil-engine', clock.now());
    expect(first.createdKey).toBe(true);
    const verifier = new JwtVerifier({ issuers: [first.issuer], rolesClaim: 'roles', clockSkewSeconds: 30 }, () => clock.now());
    const admin = readFileSync(join(dir, 'admin.token'), 'utf8').trim();
    expect(await verifier.verify(admin)).toMatchObject({ actor: 'user:admin', roles: ['admin'], development: true });
    expect(await verifier.verify(readFileSync(join(dir, 'audrey.token'), 'utf8').trim())).toMatchObject({ actor: 'user:audrey', roles: ['auditor'] });

    const second = await ensureDevCredentials(dir, 'itil-engine', clock.now());
    expect(second.createdKey).toBe(false);
    expect(second.issuer.keys).toEqual(first.issuer.keys);
    expect(JSON.stringify(first.issuer.keys)).not.toMatch(/"d":/);
    // A token from before the restart still verifies against the reused key.
    expect(await new JwtVerifier({ issuers: [second.issuer], rolesClaim: 'roles', clockSkewSeconds: 30 }, () => clock.now()).verify(admin)).toMatchObject({ actor: 'user:admin' });
  });

  it('trusts the development issuer only when the mode is on, and writes no credential in production', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dev-auth-')), 'dev');
    const dev = await authSettingsOf(configOf({ AUTH_DEV_DIR: dir, NODE_ENV: 'development' }), clock);
    expect(dev.issuers.map((i) => i.issuer)).toEqual([DEV_ISSUER]);
    const prodDir = join(mkdtempSync(join(tmpdir(), 'dev-auth-')), 'dev');
    const prod = await authSettingsOf(configOf({ AUTH_DEV_DIR: prodDir, NODE_ENV: 'production' }), clock);
    expect(prod.issuers).toEqual([]);
    const off = await authSettingsOf(configOf({ AUTH_DEV_DIR: prodDir, AUTH_DEV_MODE: 'off', NODE_ENV: 'development' }), clock);
    expect(off.issuers).toEqual([]);
    expect(existsSync(prodDir)).toBe(false);
  });
});
