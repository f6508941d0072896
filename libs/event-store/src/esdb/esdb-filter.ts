/**
 * The port's `$all` filter (any listed event type OR any listed stream-name prefix, never system
 * events) mapped onto EventStoreDB's server-side filter, which filters on one property at a time:
 * - no filter           -> event-type regex `^[^$]` (the client's `excludeSystemEvents()`);
 * - event types only     -> event-type regex `^(?:A|B)$` on the escaped names;
 * - stream prefixes only -> stream-name prefix filter;
 * - both                 -> `excludeSystemEvents()` on the server, the OR on the client.
 * The client-side predicate is always applied too: a prefix filter lets a tombstone
 * (`$streamDeleted`) of a matching stream through, and the port never returns system events.
 */
import { eventTypeFilter, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { AllFilter } from '../event-store.port';
import { isSystemEventType } from '../stream-metadata.codec';

export const EXCLUDE_SYSTEM_EVENTS_REGEX = '^[^$]';

/** Escapes a literal for a regex understood alike by .NET (the server) and JavaScript (the double). */
export const escapeRegex = (literal: string): string => literal.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

export interface FilterPlan {
  /** Server-side part: what the client sends. */
  server: { on: 'eventType'; regex: string } | { on: 'streamName'; prefixes: string[] };
  /** Client-side part: the port's exact semantics. */
  accepts: (event: { type: string; streamId: string }) => boolean;
}

export function planFilter(filter: AllFilter | undefined): FilterPlan {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamNamePrefixes ?? [];
  const userTypes = types.filter((type) => !isSystemEventType(type));
  const filtered = types.length > 0 || prefixes.length > 0;
  const accepts = (event: { type: string; streamId: string }): boolean =>
    !isSystemEventType(event.type) &&
    (!filtered || types.includes(event.type) || prefixes.some((prefix) => event.streamId.startsWith(prefix)));
  if (types.length === 0 && prefixes.length > 0) return { server: { on: 'streamName', prefixes }, accepts };
  if (prefixes.length === 0 && userTypes.length > 0) {
    return { server: { on: 'eventType', regex: `^(?:${userTypes.map(escapeRegex).join('|')})$` }, accepts };
  }
  return { server: { on: 'eventType', regex: EXCLUDE_SYSTEM_EVENTS_REGEX }, accepts };
}

/** The client filter for a subscription, with the checkpoint callback the server drives. */
export function toClientFilter(plan: FilterPlan, checkpointReached: (position: bigint) => void): Filter {
  const onCheckpoint = (_subscription: unknown, position: { commit: bigint }): void => checkpointReached(position.commit);
  return plan.server.on === 'streamName'
    ? streamNameFilter({ prefixes: plan.server.prefixes, checkpointReached: onCheckpoint })
    : eventTypeFilter({ regex: plan.server.regex, checkpointReached: onCheckpoint });
}
