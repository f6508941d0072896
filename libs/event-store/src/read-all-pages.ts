import type { AllFilter, EventStore, Position, RecordedEvent } from './event-store.port';

/**
 * `$all` forwards in pages, oldest first, for scans and rebuilds that must not load the log.
 * Reading forwards from a position includes the event at it, and positions are opaque (byte
 * offsets on EventStoreDB: `position + 1` is not a position), so each next page starts at the
 * last position seen and drops that one event again.
 */
export async function* readAllPages(
  store: EventStore,
  options: { filter?: AllFilter; pageSize?: number; fromPosition?: Position } = {},
): AsyncGenerator<RecordedEvent[]> {
  const pageSize = options.pageSize ?? 1000;
  let from = options.fromPosition;
  for (;;) {
    const fetched = await store.readAll({ fromPosition: from ?? 'start', maxCount: from === undefined ? pageSize : pageSize + 1, filter: options.filter });
    const page = from === undefined ? fetched : fetched.filter((e) => e.position !== from);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    from = page[page.length - 1].position;
  }
}
