import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, type ContractSubject } from '../contract/event-store.contract';
import { anEvent, events, rejection, take, uniqueStream } from '../contract/contract-helpers';
import { WrongExpectedVersionError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import { openEventStore } from '../open-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { EsdbDouble } from '../test-support/esdb-double/esdb-double';
import { EsdbEventStore } from './esdb-event-store';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'es-double-')), 'events.db');

interface Rig {
  backing: SqliteEventStore;
  double: EsdbDouble;
  store: EsdbEventStore;
  advanceClock: (ms: number) => void;
  close: () => Promise<void>;
}

/** Adapter -> @eventstore/db-client -> gRPC on a loopback port -> double -> embedded store. */
async function startRig(batchAppend = true, connect: (double: EsdbDouble) => string = (d) => d.connectionString): Promise<Rig> {
  let now = Date.parse('2026-01-05T09:00:00Z');
  const backing = new SqliteEventStore({ file: tempFile(), durability: 'normal', now: () => new Date(now) });
  const double = await EsdbDouble.start({ store: backing, port: 0, batchAppend });
  const store = new EsdbEventStore({ connectionString: connect(double), reconnect: { initialDelayMs: 20, maxDelayMs: 200 } });
  const rig: Rig = {
    backing,
    double,
    store,
    // The double's clock is the server's clock: maxAge is measured against it.
    advanceClock: (ms) => (now += ms),
    close: async () => {
      await rig.store.close();
      await rig.double.close(); // the one running now (a test may restart it)
      await rig.backing.close();
    },
  };
  return rig;
}

const rigs = new WeakMap<ContractSubject, Rig>();
async function openThroughDouble(batchAppend: boolean): Promise<ContractSubject> {
  const rig = await startRig(batchAppend);
  const subject: ContractSubject = { store: rig.store, advanceClock: rig.advanceClock };
  rigs.set(subject, rig);
  return subject;
}
const closeRig = (subject: ContractSubject) => (rigs.get(subject) as Rig).close();

// The client appends through Streams/BatchAppend when the server advertises it (EventStoreDB
// 21.10+ does), else through Streams/Append: the contract runs through both.
eventStoreContract('EventStoreDB adapter via the gRPC double (BatchAppend)', () => openThroughDouble(true), closeRig);
eventStoreContract('EventStoreDB adapter via the gRPC double (Append)', () => openThroughDouble(false), closeRig);

describe('EventStoreDB adapter: what the contract does not cover', () => {
  let rig: Rig;
  beforeEach(async () => (rig = await startRig()));
  afterEach(() => rig.close());

  it('takes the append path the server advertises: BatchAppend when offered, Append otherwise', async () => {
    await rig.store.appendToStream(uniqueStream(), events(2));
    expect(rig.double.callsTo('Streams/BatchAppend')).toBe(1);
    expect(rig.double.callsTo('Streams/Append')).toBe(0);
    const plain = await startRig(false);
    await plain.store.appendToStream(uniqueStream(), events(2));
    await plain.store.appendToStream(uniqueStream(), events(2));
    expect(plain.double.callsTo('Streams/Append')).toBe(2);
    expect(plain.double.callsTo('Streams/BatchAppend')).toBe(0);
    await plain.close();
  });

  it('resumes a dropped $all subscription after the last delivered event: no gap, no duplicate', async () => {
    const prefix = uniqueStream('drop');
    await rig.store.appendToStream(`${prefix}-1`, events(3));
    const subscription = rig.store.subscribeToAll({ filter: { streamNamePrefixes: [prefix] } });
    const received = take(subscription, 8);
    await subscription.caughtUp;
    expect(rig.double.dropSubscriptions()).toBe(1);
    await rig.store.appendToStream(`${prefix}-1`, events(5));
    const got = await received;
    expect(got.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(rig.double.callsTo('Streams/Read')).toBeGreaterThanOrEqual(2);
  });

  it('resumes a stream subscription across a server restart on the same port', async () => {
    const stream = uniqueStream();
    await rig.store.appendToStream(stream, events(2));
    const subscription = rig.store.subscribeToStream(stream);
    const got: bigint[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        got.push(event.revision);
        if (got.length === 5) break;
      }
    })();
    await subscription.caughtUp;
    const { port } = rig.double;
    await rig.double.close();
    // The server is away: appends go straight to its store, as writes made during the outage.
    await rig.backing.appendToStream(stream, events(2));
    rig.double = await EsdbDouble.start({ store: rig.backing, port });
    await rig.store.appendToStream(stream, events(1));
    await done;
    expect(got).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('gives up on a subscription after the configured attempts when the server stays away, saying why', async () => {
    const stream = uniqueStream();
    await rig.store.appendToStream(stream, events(1));
    const impatient = new EsdbEventStore({
      connectionString: rig.double.connectionString,
      reconnect: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
    });
    const subscription = impatient.subscribeToStream(stream);
    const received: bigint[] = [];
    const outcome = (async () => {
      for await (const event of subscription) received.push(event.revision);
    })();
    await subscription.caughtUp;
    await rig.double.close();
    await expect(outcome).rejects.toMatchObject({ type: 'unavailable' });
    expect(received).toEqual([0n]);
    await impatient.close();
  });

  it('reports a checkpoint only after the consumer has taken every event before it', async () => {
    const prefix = uniqueStream('order');
    const log: string[] = [];
    const written: RecordedEvent[] = [];
    // Enough events for the adapter to pause the client (backpressure), so that checkpoints arrive
    // while events are still buffered inside the client.
    for (let i = 0; i < 8; i++) {
      await rig.store.appendToStream(`${prefix}-a`, events(150));
      await rig.store.appendToStream(`noise-${prefix}`, events(150));
    }
    written.push(...(await rig.store.readAll({ filter: { streamNamePrefixes: [prefix] } })));
    const subscription = rig.store.subscribeToAll({
      filter: { streamNamePrefixes: [prefix] },
      onCheckpoint: (position) => void log.push(`checkpoint ${position}`),
    });
    for await (const event of subscription) {
      await new Promise((resolve) => setImmediate(resolve)); // a slow consumer
      log.push(`event ${event.position}`);
      if (log.filter((line) => line.startsWith('event')).length === written.length) break;
    }
    const checkpoints = log.filter((line) => line.startsWith('checkpoint'));
    expect(checkpoints.length).toBeGreaterThan(0);
    const consumed = new Set<bigint>();
    const overtaken: string[] = [];
    for (const line of log) {
      const [kind, at] = line.split(' ');
      if (kind === 'event') consumed.add(BigInt(at));
      else for (const event of written) if (event.position <= BigInt(at) && !consumed.has(event.position)) overtaken.push(`${line} before event ${event.position}`);
    }
    expect(overtaken).toEqual([]);
  });

  it('closes cleanly while a subscription is paused by backpressure (a slow consumer)', async () => {
    const stream = uniqueStream();
    for (let i = 0; i < 8; i++) await rig.store.appendToStream(stream, events(250));
    const subscription = rig.store.subscribeToStream(stream);
    for await (const _ of subscription) {
      // Stall on the first event while the server keeps sending: the adapter pauses the client.
      await new Promise((resolve) => setTimeout(resolve, 400));
      break;
    }
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), 5_000)));
    const closed = await Promise.race([rig.store.close().then(() => 'closed'), hung]);
    clearTimeout(timer);
    expect(closed).toBe('closed');
  });

  it('soft-deletes with stream_exists, which the client itself cannot send', async () => {
    const missing = uniqueStream();
    const error = await rejection(rig.store.deleteStream(missing, { expectedRevision: 'stream_exists' }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamId: missing, expected: 'stream_exists', actual: 'no_stream' });
    const existing = uniqueStream();
    await rig.store.appendToStream(existing, events(2));
    await rig.store.deleteStream(existing, { expectedRevision: 'stream_exists' });
    await expect(rig.store.readStream(existing)).rejects.toMatchObject({ code: 'EVENT_STORE.STREAM_NOT_FOUND' });
  });

  it('reports a failed soft delete with the expected and actual revisions', async () => {
    const stream = uniqueStream();
    await rig.store.appendToStream(stream, events(2));
    const byRevision = await rejection(rig.store.deleteStream(stream, { expectedRevision: 5n }));
    expect(byRevision).toMatchObject({ expected: 5n, actual: 1n });
    const byNoStream = await rejection(rig.store.tombstoneStream(stream, { expectedRevision: 'no_stream' }));
    expect(byNoStream).toMatchObject({ expected: 'no_stream', actual: 1n });
  });

  it('connects through cluster discovery (esdb+discover://, Gossip/Read) as well', async () => {
    const discovered = await startRig(true, (double) => double.discoverConnectionString);
    await discovered.store.appendToStream(uniqueStream(), [anEvent()]);
    expect(discovered.double.callsTo('Gossip/Read')).toBeGreaterThanOrEqual(1);
    await discovered.close();
  });
});

describe('openEventStore', () => {
  it('selects the EventStoreDB adapter for a connection string', async () => {
    const rig = await startRig();
    const store = await openEventStore({ connectionString: rig.double.connectionString });
    expect(store).toBeInstanceOf(EsdbEventStore);
    const stream = uniqueStream();
    await store.appendToStream(stream, events(1), { expectedRevision: 'no_stream' });
    expect(await rig.backing.readStream(stream)).toHaveLength(1);
    await store.close();
    await rig.close();
  });

  it('keeps the embedded store without one (or with an empty one)', async () => {
    for (const connectionString of [undefined, '', '  ']) {
      const store = await openEventStore({ sqliteFile: tempFile(), connectionString });
      expect(store).toBeInstanceOf(SqliteEventStore);
      await store.close();
    }
  });

  it('refuses a connection string that is not one', async () => {
    await expect(openEventStore({ connectionString: 'http://localhost:2113' })).rejects.toThrow();
  });
});
