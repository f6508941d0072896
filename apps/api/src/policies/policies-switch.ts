/**
 * Whether this instance runs the cross-process policies and the automation rules: on by default,
 * as a single embedded instance is expected to (a collision recorded on both changes, a problem
 * resolving its incidents, a rule assigning a ticket). They write (their facts and checkpoint
 * streams `reactor-<name>`), so `ITIL_POLICIES=off` makes an instance that never writes on its
 * own: a read replica, or one of several APIs when only some should run them (several may: the
 * runners' idempotency keys and expected revisions make a second runner write nothing twice).
 * The test harness sets `off` (test/global-setup.js); a test that needs them sets `on`.
 */
export function policiesEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.ITIL_POLICIES;
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`ITIL_POLICIES: on or off (got '${value}')`);
}
