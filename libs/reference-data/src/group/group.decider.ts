import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import { checkShape, refId, text } from '../input-shape';
import { ReferenceAlreadyExistsConflictError, ReferenceNotFoundError } from '../reference-data.errors';

/** An assignment group: tickets are assigned to it, and an assignee must be one of its members. */
export type Group = { id: string; name: string; description: string; members: string[] };

export type CreateGroup = Command<'CreateGroup', { id: string; name: string; description?: string }>;
export type AddGroupMember = Command<'AddGroupMember', { id: string; userId: string }>;
export type RemoveGroupMember = Command<'RemoveGroupMember', { id: string; userId: string; reason?: string }>;
export type GroupCommand = CreateGroup | AddGroupMember | RemoveGroupMember;

export type GroupCreated = DomainEvent<'GroupCreated', { groupId: string; name: string; description: string }>;
/** Membership changes are facts of their own, so an auditor sees who changed them and when (envelope). */
export type GroupMemberAdded = DomainEvent<'GroupMemberAdded', { groupId: string; userId: string }>;
export type GroupMemberRemoved = DomainEvent<'GroupMemberRemoved', { groupId: string; userId: string; reason: string | null }>;
export type GroupEvent = GroupCreated | GroupMemberAdded | GroupMemberRemoved;
export const GROUP_EVENT_TYPES: GroupEvent['type'][] = ['GroupCreated', 'GroupMemberAdded', 'GroupMemberRemoved'];

export function evolveGroup(s: Group | null, e: GroupEvent): Group | null {
  switch (e.type) {
    case 'GroupCreated':
      return { id: e.data.groupId, name: e.data.name, description: e.data.description, members: [] };
    case 'GroupMemberAdded':
      return s && { ...s, members: [...s.members.filter((m) => m !== e.data.userId), e.data.userId] };
    case 'GroupMemberRemoved':
      return s && { ...s, members: s.members.filter((m) => m !== e.data.userId) };
    default:
      return s;
  }
}

function decideGroup(c: GroupCommand, s: Group | null): GroupEvent[] {
  if (c.type === 'CreateGroup') {
    const d = checkShape<CreateGroup['data']>(c.data, { id: refId('group'), name: text(200), description: text(2000, { optional: true }) });
    if (s) throw new ReferenceAlreadyExistsConflictError('group', d.id);
    return [{ type: 'GroupCreated', data: { groupId: d.id, name: d.name, description: d.description ?? '' } }];
  }
  if (!s) throw new ReferenceNotFoundError('group', c.data.id);
  switch (c.type) {
    case 'AddGroupMember': {
      const d = checkShape<AddGroupMember['data']>(c.data, { id: refId('group'), userId: refId('user') });
      // Already a member: nothing happened, so nothing is recorded (a retried seed writes nothing).
      if (s.members.includes(d.userId)) return [];
      return [{ type: 'GroupMemberAdded', data: { groupId: s.id, userId: d.userId } }];
    }
    case 'RemoveGroupMember': {
      const d = checkShape<RemoveGroupMember['data']>(c.data, { id: refId('group'), userId: refId('user'), reason: text(1000, { optional: true }) });
      if (!s.members.includes(d.userId)) throw new GroupMemberNotFoundError(s.id, d.userId);
      return [{ type: 'GroupMemberRemoved', data: { groupId: s.id, userId: d.userId, reason: d.reason ?? null } }];
    }
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export class GroupMemberNotFoundError extends Error {
  readonly code = 'REFERENCE_DATA.UNKNOWN_MEMBER';
  constructor(
    readonly groupId: string,
    readonly userId: string,
  ) {
    super(`${userId} is not a member of group ${groupId}`);
    this.name = 'GroupMemberNotFoundError';
  }
}

export const groupDecider: Decider<GroupCommand, GroupEvent, Group | null> = { initialState: () => null, knows: knowsTypes(GROUP_EVENT_TYPES), evolve: evolveGroup, decide: decideGroup };
