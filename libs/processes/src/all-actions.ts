import { changeActions } from '@itil/change';
import { incidentActions } from '@itil/incident';
import { problemActions } from '@itil/problem';
import { serviceRequestActions } from '@itil/service-request';

/**
 * Every action a lifecycle may name (`entry`, `exit`, or a transition's `actions`), with what it
 * is for: each process's own catalog, merged (release names none). The engine never runs them
 * while deciding or replaying (evaluation is pure); they are hooks that automation rules and
 * notifications subscribe to. An unknown name is a validation error.
 */
export const ALL_ACTIONS: Readonly<Record<string, string>> = { ...incidentActions, ...problemActions, ...changeActions, ...serviceRequestActions };
export const ALL_ACTION_NAMES: readonly string[] = Object.keys(ALL_ACTIONS);
