import type { JSONWebKeySet } from 'jose';

/** One identity provider this API trusts: its issuer, the audience it must name, its keys. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** A JWKS document, or the URL of one (fetched, cached, refreshed on an unknown `kid`). */
  keys: JSONWebKeySet | { url: string };
  /** Tokens of this issuer are the development-mode credentials. */
  development?: boolean;
}

/** What the authentication guard needs; built from the configuration (auth.module.ts), overridden in tests. */
export interface AuthSettings {
  issuers: TrustedIssuer[];
  rolesClaim: string;
  clockSkewSeconds: number;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
