import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events } from '../contract/contract-helpers';
import { StreamDeletedError, WrongExpectedVersionError } from '../event-store.errors';
import { SqliteEventStore } from './sqlite-event-store';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'es-kept-')), 'events.db');

describe('embedded SQLite store: stream state kept in memory for writes', () => {
  it('an append to a stream it wrote before runs BEGIN IMMEDIATE, the data-version check, one INSERT, COMMIT', async () => {
    const statements: string[] = [];
    const store = new SqliteEventStore({ file: tempFile(), traceStatements: (sql) => statements.push(sql) });
    await store.appendToStream('s-1', events(1), { expectedRevision: 'no_stream' });
    statements.length = 0;
    await store.appendToStream('s-1', events(1), { expectedRevision: 0n });
    expect(statements.filter((s) => !s.startsWith('PRAGMA busy_timeout'))).toEqual([
      'BEGIN IMMEDIATE',
      'PRAGMA data_version',
      expect.stringMatching(/^INSERT INTO events/),
      'COMMIT',
    ]);
    await store.close();
  });

  it('sees another connection\'s append: a stale expected revision is a wrong expected version', async () => {
    const file = tempFile();
    const a = new SqliteEventStore({ file });
    const b = new SqliteEventStore({ file });
    await a.appendToStream('s-2', events(1), { expectedRevision: 'no_stream' });
    await b.appendToStream('s-2', events(1), { expectedRevision: 0n });
    await expect(a.appendToStream('s-2', events(1), { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(a.appendToStream('s-2', events(1), { expectedRevision: 1n })).resolves.toMatchObject({ nextExpectedRevision: 2n });
    await a.close();
    await b.close();
  });

  it('sees another connection\'s tombstone: the append is refused', async () => {
    const file = tempFile();
    const a = new SqliteEventStore({ file });
    const b = new SqliteEventStore({ file });
    await a.appendToStream('s-3', events(1));
    await b.tombstoneStream('s-3');
    await expect(a.appendToStream('s-3', events(1))).rejects.toBeInstanceOf(StreamDeletedError);
    await a.close();
    await b.close();
  });

  it('a subscription filtered to lifecycle- streams reads nothing after commits to other streams', async () => {
    const statements: string[] = [];
    const store = new SqliteEventStore({ file: tempFile(), pollIntervalMs: 5, traceStatements: (sql) => statements.push(sql) });
    const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: ['lifecycle-'] } });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of subscription) seen.push(event.streamId);
    })();
    await subscription.caughtUp;
    statements.length = 0;
    for (let i = 0; i < 5; i++) await store.appendToStream(`incident-${i}`, events(1));
    await store.appendToStream('lifecycle-incident', events(1));
    while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // One page read, for the lifecycle commit; none for the five incident commits nor for polls.
    expect(statements.filter((s) => s.includes('substr(stream_id')).length).toBe(1);
    expect(seen).toEqual(['lifecycle-incident']);
    await subscription.unsubscribe();
    await reading;
    await store.close();
  });
  it("a local commit to a stream it does not follow still wakes it when another connection committed since its last read", async () => {
    const file = tempFile();
    const writer = new SqliteEventStore({ file });
    // Polls once a minute: only the wake-up on the local commit can deliver within the test.
    const reader = new SqliteEventStore({ file, pollIntervalMs: 60_000 });
    const subscription = reader.subscribeToAll({ filter: { streamNamePrefixes: ['lifecycle-'] } });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of subscription) seen.push(event.streamId);
    })();
    await subscription.caughtUp;
    await writer.appendToStream('lifecycle-change', events(1));
    await reader.appendToStream('poke', events(1));
    while (seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['lifecycle-change']);
    await subscription.unsubscribe();
    await reading;
    await writer.close();
    await reader.close();
  });
  it('a subscription waiting at the head moves its checkpoint past local commits it does not follow, without reading', async () => {
    const statements: string[] = [];
    const checkpoints: bigint[] = [];
    const store = new SqliteEventStore({ file: tempFile(), pollIntervalMs: 60_000, traceStatements: (sql) => statements.push(sql) });
    const subscription = store.subscribeToAll({ filter: { streamNamePrefixes: ['lifecycle-'] }, onCheckpoint: (p) => void checkpoints.push(p) });
    const reading = (async () => {
      for await (const _event of subscription) void _event;
    })();
    await subscription.caughtUp;
    statements.length = 0;
    const { position } = await store.appendToStream('incident-1', events(2));
    while (checkpoints.at(-1) !== position) await new Promise((resolve) => setImmediate(resolve));
    expect(statements.filter((s) => s.includes('substr(stream_id')).length).toBe(0);
    await subscription.unsubscribe();
    await reading;
    await store.close();
  });
});
