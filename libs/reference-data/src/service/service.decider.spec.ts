import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ReferenceAlreadyExistsConflictError, ReferenceChangeNotAllowedError, ReferenceInputInvalidError } from '../reference-data.errors';
import { cmd } from '../test-support/reference-fixtures';
import { serviceDecider, type ServiceEvent } from './service.decider';

const { given } = deciderSpec(serviceDecider);
const base = { name: 'Email', owner: 'olga', supportGroup: 'messaging', slaPolicy: 'gold' };
const registered: ServiceEvent = { type: 'ServiceRegistered', data: { serviceId: 'email', ...base, description: '', stage: 'pipeline' } };
const stage = (from: 'pipeline' | 'live', to: 'live' | 'retired'): ServiceEvent => ({ type: 'ServiceStageChanged', data: { serviceId: 'email', from, to, reason: null } });

describe('Service in the portfolio', () => {
  it('is registered in the pipeline with its owner, support group and SLA policy', () =>
    given([]).when(cmd('RegisterService', { id: 'email', ...base })).then([registered]));

  it('records each stage change as a fact: pipeline to live to retired', () => {
    given([registered]).when(cmd('ChangeServiceStage', { id: 'email', stage: 'live' })).then([stage('pipeline', 'live')]);
    given([registered, stage('pipeline', 'live')]).when(cmd('ChangeServiceStage', { id: 'email', stage: 'retired', reason: 'replaced' })).then([
      { type: 'ServiceStageChanged', data: { serviceId: 'email', from: 'live', to: 'retired', reason: 'replaced' } },
    ]);
  });

  it('never leaves retirement, nor goes back to the pipeline', () => {
    given([registered, stage('pipeline', 'live'), stage('live', 'retired')]).when(cmd('ChangeServiceStage', { id: 'email', stage: 'live' })).thenThrows(ReferenceChangeNotAllowedError);
    given([registered, stage('pipeline', 'live')]).when(cmd('ChangeServiceStage', { id: 'email', stage: 'pipeline' })).thenThrows(ReferenceChangeNotAllowedError);
  });

  it("refuses a service id that would collide with a service request's stream", () =>
    given([]).when(cmd('RegisterService', { id: 'request-42', ...base })).thenThrows(ReferenceInputInvalidError, (e) => expect(e.errors[0].path).toBe('$.id')));

  it('records only the fields an update changes, with their previous values', () =>
    given([registered])
      .when(cmd('UpdateService', { id: 'email', owner: 'olga', supportGroup: 'network' }))
      .then([{ type: 'ServiceUpdated', data: { serviceId: 'email', fields: { supportGroup: 'network' }, previous: { supportGroup: 'messaging' } } }]));

  it('adds an offering once, and not to a retired service', () => {
    const offering: ServiceEvent = { type: 'ServiceOfferingAdded', data: { serviceId: 'email', offeringId: 'mailbox', name: 'Mailbox', description: '' } };
    given([registered]).when(cmd('AddServiceOffering', { id: 'email', offeringId: 'mailbox', name: 'Mailbox' })).then([offering]);
    given([registered, offering]).when(cmd('AddServiceOffering', { id: 'email', offeringId: 'mailbox', name: 'Again' })).thenThrows(ReferenceAlreadyExistsConflictError);
    given([registered, stage('pipeline', 'retired' as never)]).when(cmd('AddServiceOffering', { id: 'email', offeringId: 'x', name: 'X' })).thenThrows(ReferenceChangeNotAllowedError);
  });
});
