import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { randomIds, systemClock } from '@itil/engine';
import { openEventStore, type EventStore } from '@itil/event-store';
import { ALL_GUARDS, LifecycleAdmin, syncLifecycles, type SeedOutcome } from '@itil/lifecycles';
import type { CliIo } from './cli-io';

export interface GlobalOptions {
  store?: string;
  stateMachines?: string;
  actor?: string;
  durability?: 'full' | 'normal';
}

export interface CliContext {
  store: EventStore;
  admin: LifecycleAdmin;
  actor: string;
  outcomes: SeedOutcome[];
  close(): Promise<void>;
}

export const actorOf = (options: GlobalOptions, io: CliIo): string => options.actor ?? io.env.ITIL_ACTOR ?? `cli:${safeUser()}`;

const safeUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * Opens the store the API would use (same settings, same defaults) and loads the lifecycle
 * catalog exactly as the API does at start-up: seeds on first use, proposes drafts for changed files.
 */
export async function openContext(options: GlobalOptions, io: CliIo): Promise<CliContext> {
  const path = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const file = path(options.store ?? io.env.EVENT_STORE_FILE ?? './data/events.db');
  const durability = options.durability ?? (io.env.EVENT_STORE_DURABILITY as 'full' | 'normal' | undefined) ?? 'full';
  const store = await openEventStore({ sqliteFile: file, durability, connectionString: io.env.EVENTSTORE_CONNECTION_STRING } as Parameters<typeof openEventStore>[0]);
  try {
    const directory = path(options.stateMachines ?? io.env.STATE_MACHINES_DIR ?? './state-machines');
    // The same versions directory as the API, so the CLI never proposes the seed files as drafts once later versions are live.
    const { catalog, outcomes } = await syncLifecycles({ store, directory, versionsDirectory: join(directory, 'versions'), guards: ALL_GUARDS, clock: systemClock, ids: randomIds });
    const admin = new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, clock: systemClock, ids: randomIds });
    return { store, admin, actor: actorOf(options, io), outcomes, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
