import { incidentGuards } from '@itil/incident';
import { mergeGuards, type GuardRegistry } from '@itil/workflow';

/** Every named guard any lifecycle definition may refer to. */
export const ALL_GUARDS: GuardRegistry = mergeGuards(incidentGuards);
