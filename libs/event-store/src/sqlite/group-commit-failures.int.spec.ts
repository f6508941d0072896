import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, events, rejection } from '../contract/contract-helpers';
import { StorageFullError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'es-full-')), 'events.db');

/** 200 KB of data: more than a file capped at 40 pages (160 KiB) can take. */
const big = (type = 'Big') => anEvent(type, { blob: 'x'.repeat(200_000) });

async function idsOf(store: EventStore, streamId: string): Promise<string[]> {
  try {
    return (await store.readStream(streamId)).map((e) => e.id);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

describe('group commit when a write makes SQLite abort the whole transaction (disk full)', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ file: tempFile(), maxPageCount: 40 })));
  afterEach(() => store.close());

  it('fails the two writes that do not fit and stores the third, telling each caller the truth', async () => {
    const e1 = big();
    const e2 = big();
    const e3 = anEvent('Small');
    const outcomes = await Promise.allSettled([
      store.appendToStream('s-1', [e1]),
      store.appendToStream('s-2', [e2]),
      store.appendToStream('s-3', [e3]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const failed of outcomes.slice(0, 2) as PromiseRejectedResult[]) {
      expect(failed.reason).toBeInstanceOf(StorageFullError);
      expect(failed.reason).toMatchObject({ code: 'EVENT_STORE.STORAGE_FULL' });
    }
    expect(await idsOf(store, 's-1')).toEqual([]);
    expect(await idsOf(store, 's-2')).toEqual([]);
    expect(await idsOf(store, 's-3')).toEqual([e3.id]);
    expect((outcomes[2] as PromiseFulfilledResult<{ nextExpectedRevision: bigint }>).value.nextExpectedRevision).toBe(0n);
  });

  it('re-runs the writes made before the failing one, which the abort undid, and reports them written', async () => {
    const before = anEvent('Before');
    const after = anEvent('After');
    const outcomes = await Promise.allSettled([
      store.appendToStream('s-1', [before], { expectedRevision: 'no_stream' }),
      store.appendToStream('s-2', [big()]),
      store.appendToStream('s-1', [after], { expectedRevision: 0n }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await idsOf(store, 's-1')).toEqual([before.id, after.id]);
    expect(await idsOf(store, 's-2')).toEqual([]);
  });

  it('keeps each conflict its own answer when the batch is run again after an abort', async () => {
    await store.appendToStream('s-1', events(1));
    const outcomes = await Promise.allSettled([
      store.appendToStream('s-1', events(1), { expectedRevision: 0n }),
      store.appendToStream('s-1', events(1), { expectedRevision: 0n }),
      store.appendToStream('s-2', [big()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(StorageFullError);
    expect(await idsOf(store, 's-1')).toHaveLength(2);
  });

  it('fails an append alone (no batch) with StorageFullError and stays writable afterwards', async () => {
    const error = await rejection(store.appendToStream('s-1', [big()]));
    expect(error).toBeInstanceOf(StorageFullError);
    const next = await store.appendToStream('s-1', events(2), { expectedRevision: 'no_stream' });
    expect(next.nextExpectedRevision).toBe(1n);
  });
});
