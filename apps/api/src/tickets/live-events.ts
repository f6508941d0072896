import type { ProcessDefinition } from '@itil/tickets';
import type { Lifecycle, LifecycleCatalog } from '@itil/workflow';

/** Every published version of every lifecycle the process runs, oldest first. */
export function liveVersions(catalog: LifecycleCatalog, def: ProcessDefinition): Lifecycle[] {
  const versions: Lifecycle[] = [];
  for (const id of def.lifecycles) {
    if (!catalog.machineIds().includes(id)) continue;
    const latest = catalog.latest(id).version.version;
    for (let v = 1; v <= latest; v++) if (catalog.has(id, v)) versions.push(catalog.get(id, v));
  }
  return versions;
}

/** Event names any live version of the process has, in any state. */
export function liveEvents(catalog: LifecycleCatalog, def: ProcessDefinition): Set<string> {
  const events = new Set<string>();
  for (const lifecycle of liveVersions(catalog, def)) {
    for (const state of Object.values(lifecycle.version.config.states)) for (const event of Object.keys(state.on ?? {})) events.add(event);
  }
  return events;
}
