/**
 * The double answers as an EventStoreDB 24.10 server does where the EventStoreDB client (or its
 * own test suite) can tell: the version it reports, events that are not JSON objects, system
 * events in `$all`, the maximum append size and the BatchAppend deadline. Each case talks to the
 * double through the real client, as the client's own stream tests would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeadlineExceededError,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  binaryEvent,
  jsonEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { uniqueStream, rejection } from '../../contract/contract-helpers';
import { InvalidEventStoreArgumentError, StoreUnavailableError, StreamNotFoundError } from '../../event-store.errors';
import { EsdbEventStore } from '../../esdb/esdb-event-store';
import { SqliteEventStore } from '../../sqlite/sqlite-event-store';
import { EsdbDouble } from './esdb-double';

interface Rig {
  backing: SqliteEventStore;
  double: EsdbDouble;
  client: EventStoreDBClient;
  close(): Promise<void>;
}

async function startRig(batchAppend = true): Promise<Rig> {
  const backing = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'es-fidelity-')), 'events.db'), durability: 'normal' });
  const double = await EsdbDouble.start({ store: backing, port: 0, batchAppend });
  const client = EventStoreDBClient.connectionString(double.connectionString);
  return {
    backing,
    double,
    client,
    close: async () => {
      await client.dispose();
      await double.close();
      await backing.close();
    },
  };
}

async function collect(read: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const got: ResolvedEvent[] = [];
  for await (const resolved of read) got.push(resolved);
  return got;
}

describe('EventStoreDB test double: as a 24.10 server answers', () => {
  let rig: Rig;
  beforeAll(async () => (rig = await startRig()));
  afterAll(() => rig.close());

  it('reports a server version the client can compare (24.10.0), so version-gated client paths run', async () => {
    const features = await (rig.client as unknown as { capabilities: Promise<{ serverVersion: string }> }).capabilities;
    expect(features.serverVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = features.serverVersion.split('.').map(Number);
    expect(major * 100 + minor).toBeGreaterThanOrEqual(2410);
  });

  it('stores a binary event and gives its bytes and content type back', async () => {
    const stream = uniqueStream('binary');
    const bytes = Uint8Array.from([0, 1, 2, 254, 255, 0x7b]);
    await rig.client.appendToStream(stream, binaryEvent({ type: 'BlobStored', data: bytes, metadata: Uint8Array.from([9, 9]) }));
    const [resolved] = await collect(rig.client.readStream(stream));
    expect(resolved.event).toMatchObject({ type: 'BlobStored', isJson: false });
    expect(Buffer.from(resolved.event!.data as Uint8Array)).toEqual(Buffer.from(bytes));
    expect(Buffer.from(resolved.event!.metadata as Uint8Array)).toEqual(Buffer.from([9, 9]));
  });

  it('stores JSON data that is not an object (a string, an array) and gives it back unchanged', async () => {
    const stream = uniqueStream('json');
    await rig.client.appendToStream(stream, [jsonEvent({ type: 'Said', data: 'just a string' }), jsonEvent({ type: 'Listed', data: [1, 'two', null] })]);
    const got = await collect(rig.client.readStream(stream));
    expect(got.map((r) => r.event?.data)).toEqual(['just a string', [1, 'two', null]]);
    expect(got.every((r) => r.event?.isJson)).toBe(true);
  });

  it('lets the adapter read such events, as it reads them from a server (bytes and values kept)', async () => {
    const stream = uniqueStream('adapter');
    await rig.client.appendToStream(stream, [binaryEvent({ type: 'BlobStored', data: Uint8Array.from([1, 2, 3]) }), jsonEvent({ type: 'Said', data: 'hi' })]);
    const adapter = new EsdbEventStore({ connectionString: rig.double.connectionString });
    try {
      const read = await adapter.readStream(stream);
      expect(read.map((e) => e.data)).toEqual([{ $binary: Buffer.from([1, 2, 3]).toString('base64') }, { $value: 'hi' }]);
    } finally {
      await adapter.close();
    }
  });

  it('serves system events in $all: the $metadata event of a stream and its tombstone', async () => {
    const stream = uniqueStream('sys');
    await rig.client.appendToStream(stream, jsonEvent({ type: 'Happened', data: { n: 1 } }));
    await rig.client.setStreamMetadata(stream, { maxCount: 5 });
    await rig.client.tombstoneStream(stream);
    const all = (await collect(rig.client.readAll({ maxCount: 10_000 }))).filter((r) => r.event?.streamId.includes(stream));
    expect(all.map((r) => [r.event?.streamId, r.event?.type])).toEqual([
      [stream, 'Happened'],
      [`$$${stream}`, '$metadata'],
      [stream, '$streamDeleted'],
    ]);
    // The adapter meets them and drops them: the port never returns system events.
    const adapter = new EsdbEventStore({ connectionString: rig.double.connectionString });
    try {
      const viaPort = await adapter.readAll({ filter: { streamNamePrefixes: [stream, `$$${stream}`] } });
      expect(viaPort.map((e) => e.type)).toEqual(['Happened']);
    } finally {
      await adapter.close();
    }
  });

  it('accepts an append just under the 1 MiB maximum append size', async () => {
    const stream = uniqueStream('size');
    const result = await rig.client.appendToStream(stream, jsonEvent({ type: 'Big', data: { blob: 'x'.repeat(1_000_000) } }));
    expect(result.nextExpectedRevision).toBe(0n);
  });

  it('honours the deadline sent in BatchAppend options: one that has passed is answered Timeout, nothing written', async () => {
    const stream = uniqueStream('deadline');
    const error = await rejection(rig.client.appendToStream(stream, jsonEvent({ type: 'Late', data: {} }), { deadline: 0 }));
    expect(error).toBeInstanceOf(DeadlineExceededError);
    await expect(rig.backing.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    const inTime = await rig.client.appendToStream(stream, jsonEvent({ type: 'OnTime', data: {} }), { deadline: 60_000 });
    expect(inTime.nextExpectedRevision).toBe(0n);
  });

  it('gives the adapter a passed deadline as StoreUnavailableError (retryable), nothing written', async () => {
    const adapter = new EsdbEventStore({ connectionString: rig.double.connectionString, appendDeadlineMs: 0 });
    const stream = uniqueStream('deadline');
    try {
      const error = await rejection(adapter.appendToStream(stream, [{ id: crypto.randomUUID(), type: 'Late', data: {} }]));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      await expect(rig.backing.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    } finally {
      await adapter.close();
    }
  });

  for (const batchAppend of [true, false]) {
    it(`refuses an append over the 1 MiB maximum append size as the server does (${batchAppend ? 'BatchAppend' : 'Append'}), nothing written`, async () => {
      const local = batchAppend ? rig : await startRig(false);
      const stream = uniqueStream('size');
      try {
        const twoHalves = [0, 1].map(() => jsonEvent({ type: 'Big', data: { blob: 'x'.repeat(600_000) } }));
        const error = await rejection(local.client.appendToStream(stream, twoHalves));
        expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
        expect(error).toMatchObject({ maxAppendSize: 1_048_576 });
        await expect(local.backing.readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
        const adapter = new EsdbEventStore({ connectionString: local.double.connectionString });
        const big = (n: number) => ({ id: crypto.randomUUID(), type: 'Big', data: { blob: 'x'.repeat(n) } });
        const viaPort = await rejection(adapter.appendToStream(stream, [big(600_000), big(600_000)]));
        await adapter.close();
        expect(viaPort).toBeInstanceOf(InvalidEventStoreArgumentError);
      } finally {
        if (!batchAppend) await local.close();
      }
    });
  }
});
