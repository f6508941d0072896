import type { ProcessDefinition } from '@itil/tickets';
import type { ChangeDataCatalog } from './change-data';
import { changeFields } from './change.fields';
import { changePolicies } from './change.policies';
import type { ChangeSchedule } from './change-schedule';

/**
 * Change enablement as configuration of the ticket engine: three lifecycles (normal, standard,
 * emergency: state-machines/change-*.json and versions/change-*), one field dictionary, and the
 * named policies that apply the versioned data (questionnaire, approval rules, freeze calendar,
 * templates) and see other changes' windows through the schedule port.
 */
export function changeProcess(data: ChangeDataCatalog, schedule: ChangeSchedule): ProcessDefinition {
  return {
    process: 'change',
    resource: 'changes',
    eventPrefix: 'Change',
    opened: 'ChangeRequested',
    lifecycles: ['change-normal', 'change-standard', 'change-emergency'],
    fields: changeFields,
    policies: changePolicies(data, schedule),
  };
}
