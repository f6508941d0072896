import { LruCache } from '../database/lru-cache';
import type { ApplyContext } from '../runner/projection';

/**
 * Rows of one table a projection remembers: the tickets just worked on (live, the next events are
 * mostly theirs), not a rebuild's: a log replayed round-robin over more tickets than this finds none
 * remembered, and holding thousands cost a 46k-event rebuild more CPU (GC) and 40-60 MB of RSS than it saved.
 */
export const ROWS_REMEMBERED = 256;

/**
 * What a projection remembers of its tables between batches (rows it read or wrote, the lifecycle
 * meanings, the last seq), so a batch need not read them again. It holds only while each batch
 * starts exactly where the last one this instance applied ended, in the same generation: the
 * checkpoint moves only forwards and only with a committed batch, so that batch committed and
 * nothing else wrote since. Anything else forgets it all: a batch rolled back (the next one starts
 * before where it ended), another projector's batches, an operator's skip, another generation.
 */
export class BatchMemory {
  private through: string | undefined;
  private readonly caches: { clear(): void }[] = [];

  /** A cache that holds only while the memory does. */
  cache<V>(capacity: number): LruCache<V> {
    const cache = new LruCache<V>(capacity);
    this.caches.push(cache);
    return cache;
  }

  /**
   * First thing in a batch: forgets everything unless this batch continues the last one. Until
   * `end`, the memory holds for no later batch, so a batch that throws midway is forgotten too.
   */
  begin(context: ApplyContext): void {
    const continues = this.through !== undefined && this.through === tag(context.generation, context.after);
    this.through = undefined;
    if (!continues) for (const cache of this.caches) cache.clear();
  }

  /** Last thing in a batch, once all its statements ran: the caches hold the rows as it left them. */
  end(context: ApplyContext, lastPosition: bigint): void {
    this.through = tag(context.generation, lastPosition);
  }
}

const tag = (generation: number, position: bigint | null): string => `${generation}@${position === null ? '' : position.toString()}`;
