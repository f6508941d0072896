import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { anEvent, events } from '../contract/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';
import type { SqliteEventStoreOptions } from './sqlite-event-store.options';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'es-sqlite-')), 'events.db');

function openOnTempFile(options: Partial<SqliteEventStoreOptions> = {}) {
  let now = Date.parse('2026-01-05T09:00:00Z');
  const store = new SqliteEventStore({ file: tempFile(), now: () => new Date(now), ...options });
  return { store, advanceClock: (ms: number) => (now += ms) };
}

eventStoreContract('embedded SQLite (file, fsync on commit)', async () => openOnTempFile());
// Tiny pages force catch-up to take many reads while the race test's writers append.
eventStoreContract('embedded SQLite (file, small pages, durability normal)', async () =>
  openOnTempFile({ pageSize: 3, durability: 'normal' }),
);

describe('embedded SQLite store: durability', () => {
  it('fsyncs every commit by default (synchronous=FULL), also after reopening an existing WAL file', async () => {
    const file = tempFile();
    const first = new SqliteEventStore({ file });
    expect(first.synchronousLevel()).toBe(2);
    await first.appendToStream('incident-1', events(1));
    await first.close();
    const reopened = new SqliteEventStore({ file });
    expect(reopened.synchronousLevel()).toBe(2);
    await reopened.close();
  });

  it('uses synchronous=NORMAL only when asked to', async () => {
    const store = new SqliteEventStore({ file: tempFile(), durability: 'normal' });
    expect(store.synchronousLevel()).toBe(1);
    await store.close();
  });

  it('keeps every acknowledged event across a close and reopen of the file', async () => {
    const file = tempFile();
    const first = new SqliteEventStore({ file });
    const written = [anEvent('A'), anEvent('B')];
    await first.appendToStream('incident-1', written, { expectedRevision: 'no_stream' });
    await first.setStreamMetadata('incident-1', { custom: { owner: 'desk' } });
    await first.close();
    const reopened = new SqliteEventStore({ file });
    expect((await reopened.readStream('incident-1')).map((e) => e.id)).toEqual(written.map((e) => e.id));
    expect((await reopened.getStreamMetadata('incident-1')).metadata.custom).toEqual({ owner: 'desk' });
    const next = await reopened.appendToStream('incident-1', events(1), { expectedRevision: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
    await reopened.close();
  });

  it('sees appends made by another connection to the same file through a live subscription (polling)', async () => {
    const file = tempFile();
    const reader = new SqliteEventStore({ file, pollIntervalMs: 10 });
    const writer = new SqliteEventStore({ file });
    const subscription = reader.subscribeToStream('incident-9');
    const got: bigint[] = [];
    const done = (async () => {
      for await (const e of subscription) {
        got.push(e.revision);
        if (got.length === 2) break;
      }
    })();
    await subscription.caughtUp;
    await writer.appendToStream('incident-9', events(2));
    await done;
    expect(got).toEqual([0n, 1n]);
    await writer.close();
    await reader.close();
  });
});
