import { changeGuards } from '@itil/change';
import { incidentGuards } from '@itil/incident';
import { problemGuards } from '@itil/problem';
import { releaseGuards } from '@itil/release';
import { serviceRequestGuards } from '@itil/service-request';
import { mergeGuards, type GuardRegistry } from '@itil/workflow';

/**
 * Every named guard any lifecycle definition may refer to: each process's own registry, merged.
 * The guards several processes share are one function each (`commonGuards` of the ticket engine),
 * so the merge finds no clash; two processes defining one name differently fail here at load.
 */
export const ALL_GUARDS: GuardRegistry = mergeGuards(incidentGuards, problemGuards, changeGuards, releaseGuards, serviceRequestGuards);
