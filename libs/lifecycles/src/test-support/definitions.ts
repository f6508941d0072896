import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guardNamesOf, readMachineFiles, type GuardRegistry, type MachineConfigJson } from '@itil/workflow';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { asList, transitionsOf } from '../definition/transitions';
import type { ValidationContext } from '../validation/validate-lifecycle';

export const STATE_MACHINES_DIR = join(__dirname, '../../../../state-machines');
export const PROCESSES = ['change-emergency', 'change-normal', 'change-standard', 'incident', 'problem', 'release', 'service-request'];

export const seedText = (process: string): string => readFileSync(join(STATE_MACHINES_DIR, `${process}.json`), 'utf8');
/** A fresh, mutable copy of a seed definition. */
export const seed = (process: string): LifecycleDefinition => JSON.parse(seedText(process)) as LifecycleDefinition;

/** Every lifecycle file shipped in state-machines/: the seeds and every version under versions/. */
function shippedConfigs(): MachineConfigJson[] {
  const versions = join(STATE_MACHINES_DIR, 'versions');
  return [...readMachineFiles(STATE_MACHINES_DIR), ...readdirSync(versions).sort().flatMap((process) => readMachineFiles(join(versions, process)))];
}

/**
 * The names of the guards the shipped lifecycles use. This library is generic: the guards and
 * actions belong to the processes and are composed in @itil/processes (whose spec checks they
 * cover every one of these names), so its specs validate against the names alone.
 */
export const SHIPPED_GUARD_NAMES: readonly string[] = [...new Set(shippedConfigs().flatMap((config) => guardNamesOf({ machineId: config.id, version: 1, contentHash: '', config })))].sort();

/** The names of the actions the shipped lifecycles use (state `entry` and `exit`, transition `actions`). */
export const SHIPPED_ACTION_NAMES: readonly string[] = [
  ...new Set(
    shippedConfigs().flatMap((config) => {
      const definition = config as unknown as LifecycleDefinition;
      const hooks = Object.values(definition.states).flatMap((state) => [...asList(state.entry), ...asList(state.exit)]);
      return [...hooks, ...transitionsOf(definition).flatMap((t) => t.actions)];
    }),
  ),
].sort();

/**
 * A stand-in registry for specs that load, publish, diff or follow the shipped lifecycles and
 * never move a ticket: one guard per shipped name, always true. Specs that move tickets through
 * the real guards live with the processes (libs/processes).
 */
export const shippedGuards = (): GuardRegistry => Object.fromEntries(SHIPPED_GUARD_NAMES.map((name) => [name, () => true]));

/** What a lifecycle is validated against: the guard and action names the shipped lifecycles use. */
export const context = (process?: string): ValidationContext => ({ guards: SHIPPED_GUARD_NAMES, actions: SHIPPED_ACTION_NAMES, process });

/** The incident lifecycle with a misspelled guard, an unreachable state and a dead end. */
export function brokenIncident(): LifecycleDefinition {
  const d = seed('incident');
  (d.states.assigned.on!.START_WORK as { guard: string }).guard = 'hasAsignee';
  d.states.triage = { description: 'Nothing leads here.', meta: { category: 'active', sla: 'running' }, on: { ASSIGN: { target: 'assigned', guard: 'hasAssignmentGroup' } } };
  d.states.onHold = { description: 'Nothing leaves here.', meta: { category: 'pending', sla: 'paused' } };
  d.states.inProgress.on!.HOLD = { target: 'onHold' };
  return d;
}

/** Incident v2 as a process owner might draft it: no vendor pending state, no first-touch resolution. */
export function incidentWithoutVendorPending(): LifecycleDefinition {
  const d = seed('incident');
  delete d.states.awaitingVendor;
  d.states.inProgress.on!.PEND = [(d.states.inProgress.on!.PEND as object[])[0]];
  delete d.states.assigned.on!.RESOLVE;
  if (d.meta?.fields?.pendingReason) d.meta.fields.pendingReason.description = 'awaiting_caller';
  return d;
}
