import { hash } from 'node:crypto';
import { canonicalJson } from '../envelope/canonical-json';
import { toJsonValue } from '../envelope/json-value';
import { derivedId } from '../ports/id-generator.port';
import type { Command } from './decider';

/*
 * Idempotency keys (BRIEF principle 7), the rules in one place:
 * - A key belongs to its caller: it is looked up per stream and per (tenant, actor). Two callers
 *   who both pick key `1` never see each other's result.
 * - Each event a keyed command writes carries the key and the command's fingerprint in its
 *   envelope, so keys are as durable as the log: a restarted process, or another process on the
 *   same store, honours them the same way.
 * - How long: for the life of the stream. Any later command to the same stream with the same
 *   key from the same caller replays the first result when its fingerprint matches, and is refused
 *   with IDEMPOTENCY.KEY_REUSED (422, nothing written) when it does not.
 * - A command that wrote nothing (refused, or deciding no events) leaves no key: a retry decides
 *   again.
 * - Creation has no stream yet: the new record's id derives from the scoped key (creationId), so
 *   a retry lands on the same stream and is matched there.
 */

/** The scope a key is looked up in. */
export const idempotencyScope = (actor: string, tenant: string | undefined, key: string): string => JSON.stringify([tenant ?? null, actor, key]);

/**
 * What makes two commands "the same" for a key: the command type, the RFC 8785 canonical form of
 * its data, the actor and tenant; not the time it was sent.
 */
export function commandFingerprint(command: Command): string {
  const { type, data, metadata } = command;
  const body = canonicalJson(toJsonValue({ type, data: data ?? null, actor: metadata.actor, tenant: metadata.tenant ?? null }));
  return `sha256:${hash('sha256', body, 'hex')}`;
}

/**
 * The id of a record created under an idempotency key, e.g. `creationId('incident', key, metadata)`:
 * the same caller retrying gets the same id; another caller with the same key gets another one.
 */
export const creationId = (process: string, key: string, scope: { actor: string; tenant?: string }): string =>
  derivedId(canonicalJson(['creation', process, scope.tenant ?? null, scope.actor, key]));
