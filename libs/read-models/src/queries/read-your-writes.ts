import type { ReadModelDb } from '../database/read-model-db';
import { liveGeneration } from '../runner/generations';
import { ReadModelBehindError } from './read-model.errors';

/**
 * Read-your-writes: waits (bounded) until a projection's live generation has applied the event at
 * `position` (what a command's response returned). Polls the checkpoint row, so it works whether
 * the projections run in this process or in a projector elsewhere.
 */
export async function waitForPosition(rm: ReadModelDb, projection: string, position: bigint, maxWaitMs: number, pollMs = 20): Promise<void> {
  const started = Date.now();
  for (;;) {
    const gen = await liveGeneration(rm.db, projection);
    if (gen?.position && BigInt(gen.position) >= position) return;
    const waited = Date.now() - started;
    if (waited >= maxWaitMs) throw new ReadModelBehindError(projection, position.toString(), gen?.position ? BigInt(gen.position).toString() : null, waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, maxWaitMs - waited)));
  }
}
