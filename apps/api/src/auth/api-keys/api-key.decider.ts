import { knowsTypes, type Command, type Decider, type DomainEvent } from '@itil/engine';
import type { Role } from '../roles';

/*
 * API keys as facts: who issued a key (with which roles, acting for which rule or policy) and who
 * revoked it are events in the key's own stream, so the audit log answers "which credential
 * could do what, when, and who decided". Only a hash of the secret is ever stored.
 */

export const apiKeyStream = (keyId: string) => `apikey-${keyId}`;

export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  { keyId: string; name: string; roles: Role[]; actsFor: string | null; secretHash: string; expiresAt: string | null }
>;
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { keyId: string; reason: string }>;
export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;

export type IssueApiKey = Command<'IssueApiKey', ApiKeyIssued['data']>;
export type RevokeApiKey = Command<'RevokeApiKey', { keyId: string; reason: string }>;
export type ApiKeyCommand = IssueApiKey | RevokeApiKey;

export interface ApiKeyState {
  status: 'none' | 'active' | 'revoked';
  keyId?: string;
  name?: string;
  roles: Role[];
  actsFor: string | null;
  secretHash?: string;
  expiresAt: string | null;
  issuedBy?: string;
  revokedBy?: string;
}

export class ApiKeyNotFoundError extends Error {
  readonly code = 'AUTH.API_KEY_NOT_FOUND';
  constructor(readonly keyId: string) {
    super(`No API key ${keyId}`);
  }
}

export class ApiKeyAlreadyRevokedError extends Error {
  readonly code = 'AUTH.API_KEY_REVOKE_NOT_ALLOWED';
  constructor(readonly keyId: string) {
    super(`API key ${keyId} is already revoked`);
  }
}

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ status: 'none', roles: [], actsFor: null, expiresAt: null }),
  knows: knowsTypes<ApiKeyEvent>(['ApiKeyIssued', 'ApiKeyRevoked']),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { ...state, status: 'active', ...event.data };
      case 'ApiKeyRevoked':
        return { ...state, status: 'revoked' };
      default:
        // A fact this version does not know (a newer writer): keep the state, never throw.
        return state;
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'IssueApiKey':
        // Re-issuing the same id would replace a secret silently: the id is fresh or nothing.
        if (state.status !== 'none') return [];
        return [{ type: 'ApiKeyIssued', data: command.data }];
      case 'RevokeApiKey':
        if (state.status === 'none') throw new ApiKeyNotFoundError(command.data.keyId);
        if (state.status === 'revoked') throw new ApiKeyAlreadyRevokedError(command.data.keyId);
        return [{ type: 'ApiKeyRevoked', data: command.data }];
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
