import type { ProcessDefinition } from '@itil/tickets';
import { releaseFields } from './release.fields';
import { releasePolicies } from './release.policies';

/** Release management as configuration of the ticket engine (state-machines/release.json, versions/release/*). */
export const releaseProcess: ProcessDefinition = {
  process: 'release',
  resource: 'releases',
  eventPrefix: 'Release',
  opened: 'ReleasePlanned',
  lifecycles: ['release'],
  fields: releaseFields,
  policies: releasePolicies,
};
