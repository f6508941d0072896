import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ReferenceChangeNotAllowedError, ReferenceInputInvalidError } from '../reference-data.errors';
import { cmd } from '../test-support/reference-fixtures';
import { configurationItemDecider, type ConfigurationItemEvent } from './configuration-item.decider';

const { given } = deciderSpec(configurationItemDecider);
const registered: ConfigurationItemEvent = { type: 'ConfigurationItemRegistered', data: { ciId: 'mail-01', name: 'mail-01', type: 'server', owningService: 'email', status: 'operational' } };

describe('Configuration item', () => {
  it('is registered operational unless a status is given', () =>
    given([]).when(cmd('RegisterConfigurationItem', { id: 'mail-01', name: 'mail-01', type: 'server', owningService: 'email' })).then([registered]));

  it('refuses a status outside the CMDB list', () =>
    given([]).when(cmd('RegisterConfigurationItem', { id: 'x', name: 'x', type: 'server', status: 'broken' as never })).thenThrows(ReferenceInputInvalidError, (e) =>
      expect(e.errors).toEqual([{ path: '$.status', message: 'must be one of planned, operational, maintenance, retired' }])));

  it('records a status change from and to, and keeps a retired item retired', () => {
    const retired: ConfigurationItemEvent = { type: 'ConfigurationItemStatusChanged', data: { ciId: 'mail-01', from: 'operational', to: 'retired', reason: null } };
    given([registered]).when(cmd('ChangeConfigurationItemStatus', { id: 'mail-01', status: 'retired' })).then([retired]);
    given([registered, retired]).when(cmd('ChangeConfigurationItemStatus', { id: 'mail-01', status: 'operational' })).thenThrows(ReferenceChangeNotAllowedError);
  });

  it('records moving the item to another service, and clearing it, with the previous value', () =>
    given([registered])
      .when(cmd('UpdateConfigurationItem', { id: 'mail-01', owningService: null }))
      .then([{ type: 'ConfigurationItemUpdated', data: { ciId: 'mail-01', fields: { owningService: null }, previous: { owningService: 'email' } } }]));
});
