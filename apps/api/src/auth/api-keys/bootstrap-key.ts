import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiKeyService } from './api-key.service';

export const BOOTSTRAP_ACTOR = 'system:bootstrap';

/**
 * The first admin of a deployment without an identity provider (or before it is wired): with
 * AUTH_BOOTSTRAP_KEY_FILE set, the first start issues an admin API key (an ApiKeyIssued event by
 * `system:bootstrap`, revocable like any key) and writes its secret to that file, mode 0600.
 * Later starts find the file and issue nothing. Unlike development mode this is allowed in
 * production: it is explicit, audited, and the secret never appears in a log.
 */
export async function ensureBootstrapKey(file: string, keys: ApiKeyService): Promise<{ issued: boolean; keyId?: string }> {
  if (existsSync(file)) return { issued: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const issued = await keys.issue({ name: 'bootstrap admin', roles: ['admin'] }, BOOTSTRAP_ACTOR);
  // `wx`: two instances starting at once on one volume: the second fails loudly instead of
  // overwriting the first one's secret (its own key stays unused; revoke it from GET /api-keys).
  writeFileSync(file, `${issued.apiKey}\n`, { mode: 0o600, flag: 'wx' });
  return { issued: true, keyId: issued.keyId };
}
