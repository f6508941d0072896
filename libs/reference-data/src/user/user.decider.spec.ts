import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ReferenceChangeNotAllowedError, ReferenceInputInvalidError } from '../reference-data.errors';
import { cmd } from '../test-support/reference-fixtures';
import { userDecider, type UserEvent } from './user.decider';

const { given } = deciderSpec(userDecider);
const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'ana', displayName: 'Ana Lima', email: null } };

describe('User as a referenced id', () => {
  it('is registered active', () =>
    given([]).when(cmd('RegisterUser', { id: 'ana', displayName: 'Ana Lima' })).thenState((s) => expect(s).toEqual({ id: 'ana', displayName: 'Ana Lima', email: null, active: true })));

  it('is deactivated once, then reactivated', () => {
    const off: UserEvent = { type: 'UserDeactivated', data: { userId: 'ana', reason: 'left' } };
    given([registered]).when(cmd('DeactivateUser', { id: 'ana', reason: 'left' })).then([off]);
    given([registered, off]).when(cmd('DeactivateUser', { id: 'ana' })).thenThrows(ReferenceChangeNotAllowedError);
    given([registered, off]).when(cmd('ReactivateUser', { id: 'ana' })).then([{ type: 'UserReactivated', data: { userId: 'ana' } }]);
  });

  it('refuses an id with spaces', () => given([]).when(cmd('RegisterUser', { id: 'ana lima', displayName: 'A' })).thenThrows(ReferenceInputInvalidError));
});
