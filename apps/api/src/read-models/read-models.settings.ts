import { dirname, join } from 'node:path';

/** The read side's settings (env): where the read models live, whether this process runs the projections. */
export interface ReadModelsSettings {
  /** SQLite file; default beside the embedded store (`./data/read-models.db`). */
  file: string;
  /** PostgreSQL connection string: when set, the read models live there. */
  databaseUrl?: string;
  /** Run the projections in this process (the embedded default). Turn off when `npm run projector` runs them. */
  inProcess: boolean;
  /**
   * In this process, where: `worker` (default), a worker thread with its own event loop, so
   * applying events never delays a request; `main`, on the API's own event loop (tests, which
   * share one store object and a fake clock with the app).
   */
  thread: 'worker' | 'main';
  /** The store the projections thread opens for itself (the API's: same variables). */
  eventStoreFile: string;
  eventStoreConnectionString?: string;
  /** Longest wait for `?after=<position>` (read-your-writes). */
  maxWaitMs: number;
  /** How often SSE queue streams look for a change. */
  streamPollMs: number;
  /** Ends an SSE stream after this long (0: never); EventSource clients reconnect by themselves. */
  streamMaxMs: number;
}

export const READ_MODELS_SETTINGS = Symbol('READ_MODELS_SETTINGS');

class ReadModelsSettingsError extends Error {}

export function readModelsSettings(env: Record<string, string | undefined>): ReadModelsSettings {
  const flag = (name: string, fallback: boolean): boolean => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (['true', '1', 'on'].includes(v)) return true;
    if (['false', '0', 'off'].includes(v)) return false;
    throw new ReadModelsSettingsError(`${name}: true or false (got '${v}')`);
  };
  const int = (name: string, fallback: number, max: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new ReadModelsSettingsError(`${name}: a whole number from 0 to ${max} (got '${v}')`);
    return n;
  };
  const storeFile = env.EVENT_STORE_FILE ?? './data/events.db';
  const thread = env.READ_MODELS_THREAD || 'worker';
  if (thread !== 'worker' && thread !== 'main') throw new ReadModelsSettingsError(`READ_MODELS_THREAD: worker or main (got '${thread}')`);
  return {
    file: env.READ_MODEL_FILE || join(dirname(storeFile), 'read-models.db'),
    databaseUrl: env.READ_MODEL_DATABASE_URL || undefined,
    inProcess: flag('READ_MODELS_IN_PROCESS', true),
    thread,
    eventStoreFile: storeFile,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    maxWaitMs: int('READ_MODELS_MAX_WAIT_MS', 5_000, 60_000),
    streamPollMs: int('READ_MODELS_STREAM_POLL_MS', 500, 60_000),
    streamMaxMs: int('READ_MODELS_STREAM_MAX_MS', 0, 86_400_000),
  };
}
