import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { unwrap, type Clock, type CommandPipeline, type IdGenerator } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { InvalidCredentialsError } from '../auth.errors';
import type { Identity } from '../identity';
import type { Role } from '../roles';
import { apiKeyDecider, apiKeyStream, type ApiKeyEvent, type ApiKeyIssued, type ApiKeyRevoked, type ApiKeyState } from './api-key.decider';

/** `itil_<key id>_<secret>`: the prefix tells an API key from a JWT in the same Bearer header. */
const FORMAT = /^itil_([0-9a-f-]{36})_([0-9a-f]{64})$/;
export const looksLikeApiKey = (token: string) => token.startsWith('itil_');

export interface IssueRequest {
  name: string;
  roles: Role[];
  /** A service account acting for a rule or policy: its events carry this actor. */
  actsFor?: string;
  expiresAt?: Date;
}

export interface IssuedKey {
  keyId: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
  actor: string;
}

export interface ApiKeySummary {
  keyId: string;
  name: string;
  roles: Role[];
  actsFor: string | null;
  expiresAt: string | null;
  status: 'active' | 'revoked';
  issuedBy: string;
  issuedAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

const hashOf = (secret: string) => `sha256:${createHash('sha256').update(secret).digest('hex')}`;
export const actorOfKey = (keyId: string, actsFor: string | null) => actsFor ?? `apikey:${keyId}`;

/**
 * Issues, revokes, lists and verifies API keys. The secrets are 256 random bits, so a plain
 * sha256 is enough (a slow password hash protects guessable secrets; these are not guessable).
 * Verification reads the key's stream each time, so a revocation on any instance takes effect
 * on the next request everywhere.
 */
export class ApiKeyService {
  constructor(
    private readonly store: EventStore,
    private readonly pipeline: CommandPipeline,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async issue(request: IssueRequest, by: string): Promise<IssuedKey> {
    const keyId = this.ids.next();
    const secret = randomBytes(32).toString('hex');
    const data = {
      keyId,
      name: request.name,
      roles: [...new Set(request.roles)],
      actsFor: request.actsFor ?? null,
      secretHash: hashOf(secret),
      expiresAt: request.expiresAt?.toISOString() ?? null,
    };
    await this.pipeline.run(apiKeyDecider, apiKeyStream(keyId), { type: 'IssueApiKey', data, metadata: { now: this.clock.now(), actor: by } });
    return { keyId, apiKey: `itil_${keyId}_${secret}`, actor: actorOfKey(keyId, data.actsFor) };
  }

  async revoke(keyId: string, reason: string, by: string): Promise<void> {
    await this.pipeline.run(apiKeyDecider, apiKeyStream(keyId), { type: 'RevokeApiKey', data: { keyId, reason }, metadata: { now: this.clock.now(), actor: by } });
  }

  async verify(token: string): Promise<Identity> {
    const match = FORMAT.exec(token);
    if (!match) throw new InvalidCredentialsError('invalid', 'The API key is malformed');
    const [, keyId, secret] = match;
    const state = await this.state(keyId);
    const expected = Buffer.from(state.secretHash ?? '');
    const actual = Buffer.from(hashOf(secret));
    if (state.status === 'none' || expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new InvalidCredentialsError('invalid', 'Unknown API key');
    }
    if (state.status === 'revoked') throw new InvalidCredentialsError('revoked', 'This API key was revoked');
    if (state.expiresAt && new Date(state.expiresAt).getTime() <= this.clock.now().getTime()) {
      throw new InvalidCredentialsError('expired', 'This API key has expired');
    }
    return { actor: actorOfKey(keyId, state.actsFor), kind: state.actsFor ? 'service' : 'apikey', roles: state.roles, subject: keyId, keyId };
  }

  /** Every key ever issued, with who issued and revoked it (never the hash). */
  async list(): Promise<ApiKeySummary[]> {
    const events = await this.store.readAll({ filter: { streamNamePrefixes: ['apikey-'] } });
    const keys = new Map<string, ApiKeySummary>();
    for (const recorded of events) {
      const e = unwrap<ApiKeyEvent>(recorded);
      if (e.type === 'ApiKeyIssued') {
        const { secretHash: _hash, ...data } = e.data as ApiKeyIssued['data'];
        keys.set(data.keyId, { ...data, status: 'active', issuedBy: e.envelope.actor, issuedAt: e.envelope.occurredAt, revokedBy: null, revokedAt: null });
      } else if (e.type === 'ApiKeyRevoked') {
        const key = keys.get((e.data as ApiKeyRevoked['data']).keyId);
        if (key) Object.assign(key, { status: 'revoked', revokedBy: e.envelope.actor, revokedAt: e.envelope.occurredAt });
      }
    }
    return [...keys.values()];
  }

  private async state(keyId: string): Promise<ApiKeyState> {
    const events = await this.pipeline.load(apiKeyStream(keyId));
    return events.map((e) => unwrap<ApiKeyEvent>(e)).reduce((s, e) => apiKeyDecider.evolve(s, { type: e.type, data: e.data } as ApiKeyEvent), apiKeyDecider.initialState());
  }
}
