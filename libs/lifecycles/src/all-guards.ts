import { changeRuleGuards } from '@itil/change';
import { incidentGuards } from '@itil/incident';
import { mergeGuards, type GuardRegistry } from '@itil/workflow';
import { changeGuards, commonGuards, problemGuards, releaseGuards, serviceRequestGuards } from './guards';

/** Every named guard any lifecycle definition may refer to. */
export const ALL_GUARDS: GuardRegistry = mergeGuards(incidentGuards, commonGuards, problemGuards, changeGuards, changeRuleGuards, releaseGuards, serviceRequestGuards);
