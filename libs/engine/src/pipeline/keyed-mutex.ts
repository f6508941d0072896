/**
 * Runs work for the same key one at a time, in arrival order, and work for different keys freely.
 * Commands to one stream from this process queue here instead of racing to a revision conflict
 * they would all lose but one; conflicts with other processes are still caught by the store.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
