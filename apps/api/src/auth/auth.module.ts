import { readFileSync } from 'node:fs';
import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CLOCK, COMMAND_PIPELINE, ID_GENERATOR, type Clock, type CommandPipeline, type IdGenerator } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { devModeEnabled, type EngineConfig } from '../config/engine.config';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ensureBootstrapKey } from './api-keys/bootstrap-key';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS, type AuthSettings, type TrustedIssuer } from './auth.settings';
import { devModeBanner, ensureDevCredentials } from './dev-mode';
import { JwtVerifier } from './jwt-verifier';
import { IdentityThrottlerGuard, RATE_LIMITS, RateLimitsModule, throttlersOf, type RateLimits } from './rate-limits';
import { WhoAmIController } from './whoami.controller';

type Config = ConfigService<EngineConfig, true>;
const logger = new Logger('Auth');

/** The trusted issuers the configuration names, plus the development one when that mode is on. */
export async function authSettingsOf(config: Config, clock: Clock): Promise<AuthSettings> {
  const issuers: TrustedIssuer[] = [];
  const common = {
    issuer: config.get('AUTH_JWT_ISSUER', { infer: true }) ?? '',
    audience: config.get('AUTH_JWT_AUDIENCE', { infer: true }),
    algorithms: config.get('AUTH_JWT_ALGORITHMS', { infer: true }).split(','),
  };
  const url = config.get('AUTH_JWKS_URL', { infer: true });
  const file = config.get('AUTH_JWKS_FILE', { infer: true });
  if (url) issuers.push({ ...common, keys: { url } });
  if (file) issuers.push({ ...common, keys: JSON.parse(readFileSync(file, 'utf8')) });
  const all = {
    AUTH_DEV_MODE: config.get('AUTH_DEV_MODE', { infer: true }),
    NODE_ENV: config.get('NODE_ENV', { infer: true }),
    AUTH_JWKS_URL: url,
    AUTH_JWKS_FILE: file,
    EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
  };
  if (devModeEnabled(all)) {
    const dev = await ensureDevCredentials(config.get('AUTH_DEV_DIR', { infer: true }), common.audience, clock.now());
    issuers.push(dev.issuer);
    const base = `http://${config.get('HOST', { infer: true })}:${config.get('PORT', { infer: true })}`;
    const banner = devModeBanner(dev, base);
    logger.warn(banner);
    // Also as plain text on stderr: a developer reads this, not a log shipper.
    process.stderr.write(`\n${banner}\n\n`);
  } else if (issuers.length === 0) {
    logger.warn('No JWT issuer configured (AUTH_JWKS_URL / AUTH_JWKS_FILE): only API keys can authenticate');
  }
  return { issuers, rolesClaim: config.get('AUTH_ROLES_CLAIM', { infer: true }), clockSkewSeconds: config.get('AUTH_CLOCK_SKEW_SECONDS', { infer: true }) };
}

/**
 * Authentication (JWTs, API keys, development mode), the role guard every endpoint passes, and
 * the per-identity rate limits. The guards are registered in this order on purpose: the
 * throttler counts per verified identity, so it needs AuthGuard to have run.
 */
@Module({
  imports: [
    RateLimitsModule,
    ThrottlerModule.forRootAsync({ imports: [RateLimitsModule], inject: [RATE_LIMITS], useFactory: (limits: RateLimits) => throttlersOf(limits) }),
  ],
  controllers: [WhoAmIController, ApiKeysController],
  providers: [
    { provide: AUTH_SETTINGS, inject: [ConfigService, CLOCK], useFactory: authSettingsOf },
    { provide: JwtVerifier, inject: [AUTH_SETTINGS, CLOCK], useFactory: (settings: AuthSettings, clock: Clock) => new JwtVerifier(settings, () => clock.now()) },
    {
      provide: ApiKeyService,
      inject: [EVENT_STORE, COMMAND_PIPELINE, CLOCK, ID_GENERATOR],
      useFactory: (store: EventStore, pipeline: CommandPipeline, clock: Clock, ids: IdGenerator) => new ApiKeyService(store, pipeline, clock, ids),
    },
    {
      provide: AuthFailureLimiter,
      inject: [RATE_LIMITS, CLOCK],
      useFactory: (limits: RateLimits, clock: Clock) => new AuthFailureLimiter(limits.authFailuresPerMinute, () => clock.now().getTime()),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: IdentityThrottlerGuard },
  ],
  exports: [ApiKeyService],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    @Inject(ConfigService) private readonly config: Config,
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.get('AUTH_BOOTSTRAP_KEY_FILE', { infer: true });
    if (!file) return;
    const { issued, keyId } = await ensureBootstrapKey(file, this.keys);
    if (issued) logger.warn(`Issued the bootstrap admin API key ${keyId}; its secret is in ${file}. Revoke it (POST /api-keys/${keyId}/revoke) once other admins exist.`);
  }
}
