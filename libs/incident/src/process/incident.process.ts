import type { ProcessDefinition } from '@itil/tickets';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../priority/priority-matrix';
import { incidentFields } from './incident.fields';
import { incidentPolicies } from './incident.policies';
import { completeIncidentEvent, registerIncidentUpcasters } from './incident.upcasters';

/**
 * The incident process as configuration of the ticket engine: its lifecycle
 * (state-machines/incident.json and versions/incident/*), its field dictionary, its policies.
 */
export const createIncidentProcess = (matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): ProcessDefinition => ({
  process: 'incident',
  resource: 'incidents',
  eventPrefix: 'Incident',
  opened: 'IncidentLogged',
  lifecycles: ['incident'],
  fields: incidentFields,
  policies: incidentPolicies(matrix),
  // Version 1 was published before transitions named their facts: these are the names it always wrote.
  legacyRecords: {
    ASSIGN: 'IncidentAssigned',
    START_WORK: 'IncidentWorkStarted',
    PEND: 'IncidentPended',
    RESUME: 'IncidentResumed',
    RESOLVE: 'IncidentResolved',
    REOPEN: 'IncidentReopened',
    CLOSE: 'IncidentClosed',
    CANCEL: 'IncidentCancelled',
  },
  upcast: completeIncidentEvent,
  registerUpcasters: registerIncidentUpcasters,
});

export const incidentProcess: ProcessDefinition = createIncidentProcess();
