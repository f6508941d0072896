import type { Request } from 'express';
import type { Role } from './roles';

/**
 * Who a verified credential says is asking. `actor` is what every event records
 * (docs/design/ticket-engine-contract.md): `user:<sub>` for a JWT, `apikey:<id>` for an API key,
 * or the rule/policy a service-account key acts for (`rule:<name>@<version>`, `policy:<name>`).
 */
export interface Identity {
  actor: string;
  kind: 'user' | 'apikey' | 'service';
  roles: Role[];
  /** The JWT subject or the API key id. */
  subject: string;
  /** For API keys: the key that authenticated (also when it acts for a rule or policy). */
  keyId?: string;
  /** True for the development-mode credentials (never in production). */
  development?: boolean;
}

type WithIdentity = Request & { identity?: Identity };

export const identityOf = (request: Request): Identity | undefined => (request as WithIdentity).identity;

export function attachIdentity(request: Request, identity: Identity): void {
  (request as WithIdentity).identity = identity;
}
