import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { events, rejection } from '../contract/contract-helpers';
import { StoreUnavailableError, StreamNotFoundError } from '../event-store.errors';
import { SqliteEventStore } from './sqlite-event-store';

const HOLDER = resolve(__dirname, 'test-support/lock-holder.js');

/** Starts a process that holds the write lock for `ms`; resolves once it holds it. */
async function holdLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(process.execPath, [HOLDER, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const released = new Promise<void>((done) => child.on('exit', () => done()));
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) done();
    });
    child.on('exit', (code) => fail(new Error(`lock holder exited (${code}) before taking the lock`)));
  });
  return { released };
}

describe('embedded store: another process holds the write lock', () => {
  const tempFile = () => join(mkdtempSync(join(tmpdir(), 'es-busy-')), 'events.db');

  it('waits for the lock (a bounded wait) and then writes, even though the other process committed meanwhile', async () => {
    const file = tempFile();
    const store = new SqliteEventStore({ file, busyTimeoutMs: 10_000 });
    await store.appendToStream('incident-1', events(1));
    const { released } = await holdLock(file, 300);
    // Read first, as a command does, then write: a deferred transaction would fail here with
    // SQLITE_BUSY_SNAPSHOT, the other process having committed since this process read.
    const [last] = await store.readStream('incident-1', { direction: 'backwards', maxCount: 1 });
    const result = await store.appendToStream('incident-1', events(1), { expectedRevision: last.revision });
    expect(result.nextExpectedRevision).toBe(1n);
    await released;
    expect(await store.readStream('held-by-other-process')).toHaveLength(1);
    await store.close();
  });

  it('gives up after busy_timeout with StoreUnavailableError (retryable), writing nothing, and writes once the lock is free', async () => {
    const file = tempFile();
    const store = new SqliteEventStore({ file, busyTimeoutMs: 50 });
    const { released } = await holdLock(file, 2_000);
    const error = await rejection(store.appendToStream('incident-2', events(2)));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE', retryable: true });
    await expect(store.readStream('incident-2')).rejects.toBeInstanceOf(StreamNotFoundError);
    await released;
    const retried = await store.appendToStream('incident-2', events(2), { expectedRevision: 'no_stream' });
    expect(retried.nextExpectedRevision).toBe(1n);
    await store.close();
  });

  it('keeps serving reads while a write waits for the lock, and commits the writes that arrive meanwhile', async () => {
    const file = tempFile();
    const store = new SqliteEventStore({ file, busyTimeoutMs: 10_000 });
    await store.appendToStream('incident-3', events(1));
    const { released } = await holdLock(file, 500);
    const order: string[] = [];
    const first = store.appendToStream('incident-3', events(1), { expectedRevision: 0n }).then(() => order.push('first append'));
    // Issued while the first append waits for the lock (held 500 ms): SQLite's blocking busy
    // handler would hold this process until the lock is free; the queue's wait does not.
    const later = new Promise((resolve) => setTimeout(resolve, 30)).then(async () => {
      const seen = await store.readStream('incident-3');
      order.push(`read ${seen.length}`);
      await store.appendToStream('incident-3', events(1), { expectedRevision: 1n });
      order.push('second append');
    });
    await Promise.all([first, later, released]);
    expect(order).toEqual(['read 1', 'first append', 'second append']);
    expect((await store.readStream('incident-3')).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    await store.close();
  });
});
