import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value));

/**
 * Every setting the API reads from the environment, validated at start-up: a typo in a value
 * stops the process with a message instead of running with a surprise.
 */
export class EngineConfig {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** The embedded store's file; ignored when EVENTSTORE_CONNECTION_STRING is set. */
  @IsString()
  EVENT_STORE_FILE = './data/events.db';

  /** full: fsync every commit (survives a power cut); normal: faster, may lose the last commits on power loss. */
  @IsIn(['full', 'normal'])
  EVENT_STORE_DURABILITY: 'full' | 'normal' = 'full';

  /** e.g. esdb://localhost:2113?tls=false; when set, EventStoreDB is the store. */
  @IsOptional() @Matches(/^esdb(\+discover)?:\/\//, { message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsString()
  STATE_MACHINES_DIR = './state-machines';

  /** Largest accepted request body (body-parser syntax). */
  @Matches(/^\d+(b|kb|mb)$/)
  BODY_LIMIT = '100kb';

  /**
   * How often the in-process SLA scheduler records due warnings and breaches (ms); 0 turns it off
   * (then run `npm run cli -- sla tick` or a scheduler elsewhere: several at once record each fact once).
   */
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(0) @Max(3_600_000)
  SLA_SCHEDULER_INTERVAL_MS = 15_000;

  /** `production` forbids the development credentials (AUTH_DEV_MODE=on is then a start-up error). */
  @IsOptional() @IsString()
  NODE_ENV?: string;

  // --- authentication (docs/security.md) ---

  /**
   * Development mode: a local signing key and ready-made tokens (admin, ana, raj, audrey) under
   * AUTH_DEV_DIR, printed at start. `auto`: on with the embedded store when NODE_ENV is unset or
   * `development` and no JWT keys are configured; `on`: always (refused in production); `off`: never.
   */
  @IsIn(['auto', 'on', 'off'])
  AUTH_DEV_MODE: 'auto' | 'on' | 'off' = 'auto';

  @IsString()
  AUTH_DEV_DIR = './data/dev';

  /** The `iss` every JWT must carry; required when JWT keys are configured. */
  @IsOptional() @IsString()
  AUTH_JWT_ISSUER?: string;

  /** The `aud` every JWT must name. */
  @IsString()
  AUTH_JWT_AUDIENCE = 'itil-engine';

  /** The identity provider's JWKS endpoint (keys fetched and cached, rotated keys picked up). */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  AUTH_JWKS_URL?: string;

  /** A local JWKS file ({"keys": [...]}) for keys the operator distributes by hand. */
  @IsOptional() @IsString()
  AUTH_JWKS_FILE?: string;

  /** Accepted signature algorithms (comma-separated); `none` is never accepted. */
  @Matches(/^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512)|,EdDSA)*$|^EdDSA(,(RS|PS|ES)(256|384|512)|,EdDSA)*$/, { message: 'AUTH_JWT_ALGORITHMS must list RS/PS/ES256-512 or EdDSA, comma-separated' })
  AUTH_JWT_ALGORITHMS = 'RS256,PS256,ES256,EdDSA';

  /** Tolerated clock difference with the identity provider for exp/nbf/iat. */
  @Transform(toInt) @IsInt() @Min(0) @Max(300)
  AUTH_CLOCK_SKEW_SECONDS = 30;

  /** The claim holding the role names (an array of strings). */
  @Matches(/^[\w.:/-]{1,100}$/)
  AUTH_ROLES_CLAIM = 'roles';

  /** Issue an admin API key on first start and write it here (docs/security.md, "First admin"). */
  @IsOptional() @IsString()
  AUTH_BOOTSTRAP_KEY_FILE?: string;

  // --- limits ---

  /** Requests per minute per identity (or per address before authentication). */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute per identity to expensive operations (what-if, migration). */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_EXPENSIVE_PER_MINUTE = 10;

  /** Failed authentications per client address per minute; past it the address waits a minute. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE = 30;

  /**
   * Express `trust proxy`: `false` (default: the client address is the TCP peer), `true`, a hop
   * count, or addresses/subnets of your proxies. Behind a proxy set it, or every client shares the
   * proxy's address (one failure budget, one rate-limit bucket before authentication).
   */
  @Matches(/^(true|false|\d{1,2}|[\w.:/, -]{1,500})$/)
  TRUST_PROXY = 'false';

  /** Origins allowed by CORS, comma-separated; empty (the default) answers no CORS request. */
  @IsString()
  CORS_ORIGINS = '';

  // --- operability ---

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  @Transform(toInt) @IsInt() @Min(0) @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;
}

/** Whether the development credentials are on (see AUTH_DEV_MODE). */
export function devModeEnabled(config: Pick<EngineConfig, 'AUTH_DEV_MODE' | 'NODE_ENV' | 'AUTH_JWKS_URL' | 'AUTH_JWKS_FILE' | 'EVENTSTORE_CONNECTION_STRING'>): boolean {
  if (config.AUTH_DEV_MODE === 'off' || config.NODE_ENV === 'production') return false;
  if (config.AUTH_DEV_MODE === 'on') return true;
  // `auto` is for a developer's machine: not under a test runner (Jest sets NODE_ENV=test) or staging.
  const development = config.NODE_ENV === undefined || config.NODE_ENV === '' || config.NODE_ENV === 'development';
  return development && !config.AUTH_JWKS_URL && !config.AUTH_JWKS_FILE && !config.EVENTSTORE_CONNECTION_STRING;
}

/** Settings that are each valid but wrong together. */
function crossChecks(config: EngineConfig): string[] {
  const problems: string[] = [];
  if (config.AUTH_DEV_MODE === 'on' && config.NODE_ENV === 'production') {
    problems.push('AUTH_DEV_MODE: development credentials are refused when NODE_ENV=production (set AUTH_DEV_MODE=off and configure AUTH_JWKS_URL or AUTH_JWKS_FILE)');
  }
  if ((config.AUTH_JWKS_URL || config.AUTH_JWKS_FILE) && !config.AUTH_JWT_ISSUER) {
    problems.push('AUTH_JWT_ISSUER: required when AUTH_JWKS_URL or AUTH_JWKS_FILE is set (tokens of another issuer must not pass)');
  }
  return problems;
}

export function validateEngineConfig(env: Record<string, unknown>): EngineConfig {
  const config = plainToInstance(EngineConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (messages.length === 0) messages.push(...crossChecks(config));
  if (messages.length > 0) {
    throw new Error(`Invalid configuration:\n  ${messages.join('\n  ')}`);
  }
  return config;
}
