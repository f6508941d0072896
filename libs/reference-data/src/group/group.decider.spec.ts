import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ReferenceAlreadyExistsConflictError, ReferenceInputInvalidError, ReferenceNotFoundError } from '../reference-data.errors';
import { cmd } from '../test-support/reference-fixtures';
import { GroupMemberNotFoundError, groupDecider, type GroupEvent } from './group.decider';

const { given } = deciderSpec(groupDecider);
const created: GroupEvent = { type: 'GroupCreated', data: { groupId: 'network', name: 'Network team', description: '' } };
const added = (userId: string): GroupEvent => ({ type: 'GroupMemberAdded', data: { groupId: 'network', userId } });

describe('Assignment group', () => {
  it('is created with a name and no members', () =>
    given([]).when(cmd('CreateGroup', { id: 'network', name: 'Network team' })).then([created]));

  it('refuses a second creation with the same id', () =>
    given([created]).when(cmd('CreateGroup', { id: 'network', name: 'Other' })).thenThrows(ReferenceAlreadyExistsConflictError));

  it('refuses an unknown field and a blank name, naming each path', () =>
    given([]).when(cmd('CreateGroup', { id: 'network', name: ' ', colour: 'red' } as never)).thenThrows(ReferenceInputInvalidError, (e) =>
      expect(e.errors.map((i) => i.path).sort()).toEqual(['$.colour', '$.name'])));

  it('records each member added as its own fact', () =>
    given([created]).when(cmd('AddGroupMember', { id: 'network', userId: 'ana' })).then([added('ana')]));

  it('records nothing when the user is already a member', () =>
    given([created, added('ana')]).when(cmd('AddGroupMember', { id: 'network', userId: 'ana' })).then([]));

  it('removes a member with the reason', () =>
    given([created, added('ana')])
      .when(cmd('RemoveGroupMember', { id: 'network', userId: 'ana', reason: 'moved to the service desk' }))
      .then([{ type: 'GroupMemberRemoved', data: { groupId: 'network', userId: 'ana', reason: 'moved to the service desk' } }]));

  it('refuses to remove someone who is not a member', () =>
    given([created]).when(cmd('RemoveGroupMember', { id: 'network', userId: 'ana' })).thenThrows(GroupMemberNotFoundError));

  it('refuses changes to a group that was never created', () =>
    given([]).when(cmd('AddGroupMember', { id: 'network', userId: 'ana' })).thenThrows(ReferenceNotFoundError, (e) => expect(e.code).toBe('REFERENCE_DATA.UNKNOWN_GROUP')));

  it('folds membership from the facts, ignoring event types it does not know', () =>
    given([created, added('ana'), added('raj'), { type: 'GroupRenamedInAFutureVersion', data: {} } as never, { type: 'GroupMemberRemoved', data: { groupId: 'network', userId: 'ana', reason: null } }])
      .when(cmd('AddGroupMember', { id: 'network', userId: 'raj' }))
      .thenState((s) => expect(s?.members).toEqual(['raj'])));
});
