import { readAllPages, type EventStore, type RecordedEvent } from '@itil/event-store';

export interface PinnedLifecycle {
  id: string;
  version: number;
}

/**
 * What a ticket event says about its lifecycle, read generically so that every process that
 * follows the incident's convention can be replayed: the first event records `lifecycle` and
 * the initial `state`; each transition records `{from, to, via}`; a migration records
 * `lifecycle`, `fromState` and `toState`. Other events (comments, updates) move nothing.
 */
export type TicketFact =
  | { kind: 'created'; lifecycle: PinnedLifecycle; state: string }
  | { kind: 'moved'; from: string; to: string; via: string }
  | { kind: 'migrated'; lifecycle: PinnedLifecycle; fromState: string; toState: string }
  | { kind: 'other' };

const OTHER: TicketFact = { kind: 'other' };

export function factOf(event: RecordedEvent): TicketFact {
  const d = event.data as Record<string, unknown>;
  if (typeof d.from === 'string' && typeof d.to === 'string' && typeof d.via === 'string') return { kind: 'moved', from: d.from, to: d.to, via: d.via };
  const lifecycle = pinnedOf(d.lifecycle);
  if (!lifecycle) return OTHER;
  if (typeof d.toState === 'string' && typeof d.fromState === 'string') return { kind: 'migrated', lifecycle, fromState: d.fromState, toState: d.toState };
  if (typeof d.state === 'string') return { kind: 'created', lifecycle, state: d.state };
  return OTHER;
}

const MOVE_KEYS = new Set(['from', 'to', 'via', 'previous', 'fields']);

/**
 * The field values an event records: the `fields` of the ticket engine's facts (opened, moved,
 * fields updated), else the event's own flat data (incident events of schema version 1), without
 * the move's own keys. Later events overwrite earlier ones, so folding these gives the fields.
 */
export function recordedFieldsOf(event: RecordedEvent): Record<string, unknown> {
  const d = event.data as Record<string, unknown>;
  const flat = Object.fromEntries(Object.entries(d).filter(([key]) => !MOVE_KEYS.has(key)));
  const fields = d.fields;
  return fields && typeof fields === 'object' && !Array.isArray(fields) ? { ...flat, ...(fields as Record<string, unknown>) } : flat;
}

function pinnedOf(value: unknown): PinnedLifecycle | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, version } = value as { id?: unknown; version?: unknown };
  return typeof id === 'string' && typeof version === 'number' ? { id, version } : undefined;
}

/** When the fact happened (the envelope's occurredAt), else when the store recorded it. */
export function occurredAtOf(event: RecordedEvent): string {
  const occurredAt = (event.metadata as { occurredAt?: unknown }).occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : event.recordedAt.toISOString();
}

export interface ScanProgress {
  eventsRead: number;
  pages: number;
  /** `$all` position read up to, and the head when the scan started: progress = position / head. */
  position: bigint;
  head: bigint;
}

/**
 * Reads the events of every stream starting with `prefix` from `$all`, page by page, oldest
 * first: memory stays bounded by one page, whatever the size of the log.
 */
export async function scanStreams(
  store: EventStore,
  prefix: string,
  visit: (event: RecordedEvent) => void,
  options: { pageSize?: number; onProgress?: (p: ScanProgress) => void } = {},
): Promise<{ eventsRead: number; pages: number }> {
  const head = (await store.headPosition()) ?? 0n;
  let eventsRead = 0;
  let pages = 0;
  const reader = readAllPages(store, { pageSize: options.pageSize ?? 5000, filter: { streamNamePrefixes: [prefix] } });
  let next = await reader.next();
  while (!next.done) {
    const page = next.value;
    for (const event of page) visit(event);
    eventsRead += page.length;
    pages += 1;
    const last = page[page.length - 1].position;
    const done = last >= head;
    next = done ? await reader.return(undefined) : await reader.next();
    options.onProgress?.({ eventsRead, pages, position: next.done ? head : last, head });
  }
  return { eventsRead, pages };
}
