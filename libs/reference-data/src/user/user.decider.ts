import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import { checkShape, text, refId } from '../input-shape';
import { ReferenceAlreadyExistsConflictError, ReferenceChangeNotAllowedError, ReferenceNotFoundError } from '../reference-data.errors';

/**
 * Users as referenced ids: enough to know that a user exists and is active. Identity (names,
 * credentials) lives with the identity provider; this record is what tickets point at.
 */
export type User = { id: string; displayName: string; email: string | null; active: boolean };

export type RegisterUser = Command<'RegisterUser', { id: string; displayName: string; email?: string | null }>;
export type DeactivateUser = Command<'DeactivateUser', { id: string; reason?: string }>;
export type ReactivateUser = Command<'ReactivateUser', { id: string }>;
export type UserCommand = RegisterUser | DeactivateUser | ReactivateUser;

export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; displayName: string; email: string | null }>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string; reason: string | null }>;
export type UserReactivated = DomainEvent<'UserReactivated', { userId: string }>;
export type UserEvent = UserRegistered | UserDeactivated | UserReactivated;
export const USER_EVENT_TYPES: UserEvent['type'][] = ['UserRegistered', 'UserDeactivated', 'UserReactivated'];

export function evolveUser(s: User | null, e: UserEvent): User | null {
  switch (e.type) {
    case 'UserRegistered':
      return { id: e.data.userId, displayName: e.data.displayName, email: e.data.email, active: true };
    case 'UserDeactivated':
      return s && { ...s, active: false };
    case 'UserReactivated':
      return s && { ...s, active: true };
    default:
      // A newer event type (written by a later version): the fold keeps what it knows.
      return s;
  }
}

function decideUser(c: UserCommand, s: User | null): UserEvent[] {
  if (c.type === 'RegisterUser') {
    const d = checkShape<RegisterUser['data']>(c.data, { id: refId('user'), displayName: text(200), email: text(320, { optional: true }) });
    if (s) throw new ReferenceAlreadyExistsConflictError('user', d.id);
    return [{ type: 'UserRegistered', data: { userId: d.id, displayName: d.displayName, email: d.email ?? null } }];
  }
  if (!s) throw new ReferenceNotFoundError('user', c.data.id);
  switch (c.type) {
    case 'DeactivateUser': {
      const d = checkShape<DeactivateUser['data']>(c.data, { id: refId('user'), reason: text(1000, { optional: true }) });
      if (!s.active) throw new ReferenceChangeNotAllowedError('user', s.id, 'is already inactive');
      return [{ type: 'UserDeactivated', data: { userId: s.id, reason: d.reason ?? null } }];
    }
    case 'ReactivateUser':
      checkShape(c.data, { id: refId('user') });
      if (s.active) throw new ReferenceChangeNotAllowedError('user', s.id, 'is already active');
      return [{ type: 'UserReactivated', data: { userId: s.id } }];
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export const userDecider: Decider<UserCommand, UserEvent, User | null> = { initialState: () => null, knows: knowsTypes(USER_EVENT_TYPES), evolve: evolveUser, decide: decideUser };
