import { LruCache } from '../database/lru-cache';
import type { ApplyContext } from '../runner/projection';

/**
 * What a projection remembers of its tables between batches (the lifecycle meanings, that the SLA
 * definitions were checked, the last seq), so a batch need not read them again. It holds only
 * while each batch starts exactly where the last one this instance applied ended, in the same
 * generation: the checkpoint moves only forwards and only with a committed batch, so that batch
 * committed and nothing else wrote since. Anything else forgets it all: a batch rolled back (the
 * next one starts before where it ended), another projector's batches, an operator's skip,
 * another generation. Rows are not remembered: the last 256 tickets' rows and SLA folds were
 * never found again in a rebuild (the bench's log goes round-robin over 10,000 tickets) and cost
 * it ~30 % more time and 30-60 MB more peak RSS.
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
