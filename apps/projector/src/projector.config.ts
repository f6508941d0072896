import type { ProjectorConfig as StartConfig } from '@itil/read-models';

/** The projector's settings, from the environment (the same names the API uses for the same things). */
export type ProjectorConfig = StartConfig & { batchSize: number; leaseTtlMs: number; pollMs: number };

const int = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: a whole number from ${min} to ${max} (got '${raw}')`);
  return value;
};

export function projectorConfig(env: Record<string, string | undefined>, pid: number, host: string): ProjectorConfig {
  return {
    eventStoreFile: env.EVENT_STORE_FILE ?? './data/events.db',
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    readModelFile: env.READ_MODEL_FILE ?? './data/read-models.db',
    readModelDatabaseUrl: env.READ_MODEL_DATABASE_URL || undefined,
    batchSize: int(env, 'PROJECTOR_BATCH_SIZE', 500, 1, 10_000),
    leaseTtlMs: int(env, 'PROJECTOR_LEASE_TTL_MS', 15_000, 500, 600_000),
    pollMs: int(env, 'PROJECTOR_POLL_MS', 500, 10, 60_000),
    holder: env.PROJECTOR_HOLDER ?? `projector:${host}:${pid}`,
  };
}
