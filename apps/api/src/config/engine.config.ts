import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every setting the API reads from the environment, validated at start-up: a typo in a value
 * stops the process with a message instead of running with a surprise.
 */
export class EngineConfig {
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(0) @Max(65535)
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
}

export function validateEngineConfig(env: Record<string, unknown>): EngineConfig {
  const config = plainToInstance(EngineConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
    throw new Error(`Invalid configuration:\n  ${messages.join('\n  ')}`);
  }
  return config;
}
