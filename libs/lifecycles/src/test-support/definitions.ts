import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ACTION_NAMES } from '../all-actions';
import { ALL_GUARDS } from '../all-guards';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import type { ValidationContext } from '../validation/validate-lifecycle';

export const STATE_MACHINES_DIR = join(__dirname, '../../../../state-machines');
export const PROCESSES = ['change-emergency', 'change-normal', 'change-standard', 'incident', 'problem', 'release', 'service-request'];

export const seedText = (process: string): string => readFileSync(join(STATE_MACHINES_DIR, `${process}.json`), 'utf8');
/** A fresh, mutable copy of a seed definition. */
export const seed = (process: string): LifecycleDefinition => JSON.parse(seedText(process)) as LifecycleDefinition;

export const context = (process?: string): ValidationContext => ({ guards: Object.keys(ALL_GUARDS), actions: ALL_ACTION_NAMES, process });

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
