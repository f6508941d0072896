import type { ProcessDefinition } from '@itil/tickets';
import { serviceRequestFields } from './service-request.fields';
import { serviceRequestPolicies } from './service-request.policies';

/**
 * Service request fulfilment as configuration of the ticket engine: its lifecycle
 * (state-machines/service-request.json, versions/service-request/*), its field dictionary and its policies.
 */
export const serviceRequestProcess: ProcessDefinition = {
  process: 'service-request',
  resource: 'requests',
  eventPrefix: 'ServiceRequest',
  opened: 'ServiceRequestSubmitted',
  lifecycles: ['service-request'],
  fields: serviceRequestFields,
  policies: serviceRequestPolicies,
  // Version 1 was published before transitions named their facts.
  legacyRecords: {
    ROUTE: 'ServiceRequestRouted',
    APPROVE: 'ServiceRequestApproved',
    REJECT: 'ServiceRequestRejected',
    CANCEL: 'ServiceRequestCancelled',
    ASSIGN: 'ServiceRequestAssigned',
    PEND: 'ServiceRequestPended',
    RESUME: 'ServiceRequestResumed',
    FULFIL: 'ServiceRequestFulfilled',
    CLOSE: 'ServiceRequestClosed',
    REOPEN: 'ServiceRequestReopened',
  },
};
