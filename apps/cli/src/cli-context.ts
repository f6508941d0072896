import { userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { randomIds, systemClock } from '@itil/engine';
import { openEventStore, type EventStore } from '@itil/event-store';
import { LifecycleAdmin, syncLifecycles, type SeedOutcome } from '@itil/lifecycles';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
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

/** The store the API would use (same settings, same defaults), for commands that need no lifecycles. */
export function openStore(options: GlobalOptions, io: CliIo): Promise<EventStore> {
  const given = options.store ?? io.env.EVENT_STORE_FILE ?? './data/events.db';
  const file = isAbsolute(given) ? given : resolve(io.cwd, given);
  const durability = options.durability ?? (io.env.EVENT_STORE_DURABILITY as 'full' | 'normal' | undefined) ?? 'full';
  return openEventStore({ sqliteFile: file, durability, connectionString: io.env.EVENTSTORE_CONNECTION_STRING } as Parameters<typeof openEventStore>[0]);
}

/**
 * Opens the store the API would use (same settings, same defaults) and loads the lifecycle
 * catalog exactly as the API does at start-up: seeds on first use, proposes drafts for changed files.
 */
export async function openContext(options: GlobalOptions, io: CliIo): Promise<CliContext> {
  const path = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const store = await openStore(options, io);
  try {
    const directory = path(options.stateMachines ?? io.env.STATE_MACHINES_DIR ?? './state-machines');
    const { catalog, outcomes } = await syncLifecycles({ store, directory, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock: systemClock, ids: randomIds });
    const admin = new LifecycleAdmin({ store, catalog, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock: systemClock, ids: randomIds });
    return { store, admin, actor: actorOf(options, io), outcomes, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
