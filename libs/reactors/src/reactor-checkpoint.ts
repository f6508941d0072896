import { StreamNotFoundError, type EventStore, type Position } from '@itil/event-store';
import { randomUUID } from 'node:crypto';

/**
 * A reactor's progress, as events on its own stream (`reactor-<name>`, which keeps the last few):
 * so it lives with the log on either store, and a second runner's write is fenced by the
 * expected revision. Progress is only an optimisation: every reaction is idempotent, so a
 * checkpoint that lags after a crash costs a replay, never a second effect.
 */
export const checkpointStream = (reactor: string): string => `reactor-${reactor}`;
export const CHECKPOINT_EVENT = 'ReactorCheckpointed';

export interface StoredCheckpoint {
  position: Position | undefined;
  revision: bigint | 'no_stream';
}

export async function readCheckpoint(store: EventStore, reactor: string): Promise<StoredCheckpoint> {
  try {
    const [last] = await store.readStream(checkpointStream(reactor), { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
    if (!last) return { position: undefined, revision: 'no_stream' };
    return { position: BigInt((last.data as { position: string }).position), revision: last.revision };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { position: undefined, revision: 'no_stream' };
    throw error;
  }
}

export async function writeCheckpoint(store: EventStore, reactor: string, position: Position, after: StoredCheckpoint): Promise<StoredCheckpoint> {
  const stream = checkpointStream(reactor);
  // The first checkpoint also tells the store to keep only the last few (once: a soft-deleted
  // stream keeps its metadata).
  if (after.revision === 'no_stream' && (await store.getStreamMetadata(stream)).metaRevision === undefined) await store.setStreamMetadata(stream, { maxCount: 5 });
  const result = await store.appendToStream(stream, [{ id: randomUUID(), type: CHECKPOINT_EVENT, data: { position: position.toString() } }], {
    expectedRevision: after.revision,
  });
  return { position, revision: result.nextExpectedRevision };
}
