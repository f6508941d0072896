import type { Clock, IdGenerator } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { LifecycleCatalog, readMachineFiles, type GuardRegistry } from '@itil/workflow';

export interface LoadLifecycleCatalogInput {
  store: EventStore;
  /** Directory of the seed definitions (`state-machines/`). */
  directory: string;
  guards: GuardRegistry;
  clock: Clock;
  ids: IdGenerator;
}

/** The lifecycle versions the engine runs with. Today: version 1 of each file in the directory. */
export async function loadLifecycleCatalog(input: LoadLifecycleCatalogInput): Promise<LifecycleCatalog> {
  return LifecycleCatalog.fromConfigs(readMachineFiles(input.directory), input.guards);
}
