import type { StoredEvent } from './event-envelope';
import { verifyHash } from './envelope-codec';

export type ChainBreak = { revision: bigint; reason: 'hash' | 'link' | 'gap' };

/**
 * Checks a stream read from its first event: each event's own hash (with its own scheme), its
 * link to the previous event's hash, and that revisions follow one another. Returns the first
 * break, or null when the chain holds. (Digests and anchoring come with the audit work.)
 */
export function verifyChain(events: readonly StoredEvent[]): ChainBreak | null {
  let previous: StoredEvent | undefined;
  for (const event of events) {
    if (!verifyHash(event)) return { revision: event.revision, reason: 'hash' };
    if (event.envelope.previousHash !== (previous?.envelope.hash ?? null)) return { revision: event.revision, reason: 'link' };
    if (previous && event.revision !== previous.revision + 1n) return { revision: event.revision, reason: 'gap' };
    previous = event;
  }
  return null;
}
