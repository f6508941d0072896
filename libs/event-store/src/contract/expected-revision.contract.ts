import { randomUUID } from 'node:crypto';
import { InvalidEventStoreArgumentError, WrongExpectedVersionError } from '../event-store.errors';
import { anEvent, events, rejection, uniqueStream, type SubjectFactory } from './contract-helpers';

export function expectedRevisionContract(subject: SubjectFactory): void {
  describe('appending with an expected revision', () => {
    const s = subject();
    const store = () => s.get().store;

    it('accepts no_stream for a new stream and returns revision 0 and a position', async () => {
      const result = await store().appendToStream(uniqueStream(), [anEvent()], { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
      expect(typeof result.position).toBe('bigint');
    });

    it('refuses no_stream when the stream exists, reporting expected and actual', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      const error = await rejection(store().appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1n });
    });

    it('refuses stream_exists for a stream that does not exist, with actual no_stream', async () => {
      const stream = uniqueStream();
      const error = await rejection(store().appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    });

    it('accepts stream_exists for an existing stream', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(1));
      const result = await store().appendToStream(stream, events(2), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('accepts any whether or not the stream exists', async () => {
      const stream = uniqueStream();
      expect((await store().appendToStream(stream, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await store().appendToStream(stream, events(1))).nextExpectedRevision).toBe(1n);
    });

    it('accepts an exact revision and returns the next one', async () => {
      const stream = uniqueStream();
      const first = await store().appendToStream(stream, events(3), { expectedRevision: 'no_stream' });
      const second = await store().appendToStream(stream, events(2), { expectedRevision: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(4n);
      expect(second.position > first.position).toBe(true);
    });

    it('refuses a stale exact revision, reporting expected and actual', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(3));
      const error = await rejection(store().appendToStream(stream, [anEvent()], { expectedRevision: 1n }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expected: 1n, actual: 2n });
    });

    it('refuses an exact revision on a stream that does not exist, with actual no_stream', async () => {
      const error = await rejection(store().appendToStream(uniqueStream(), [anEvent()], { expectedRevision: 0n }));
      expect(error).toMatchObject({ expected: 0n, actual: 'no_stream' });
    });

    it('keeps a stream writable at its true revision after a conflict', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      await rejection(store().appendToStream(stream, [anEvent()], { expectedRevision: 5n }));
      await rejection(store().appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }));
      const result = await store().appendToStream(stream, [anEvent()], { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(2n);
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    });
  });

  describe('atomic appends', () => {
    const s = subject();
    const store = () => s.get().store;

    it('writes all events of an append at consecutive revisions, in order', async () => {
      const stream = uniqueStream();
      const batch = events(5);
      await store().appendToStream(stream, batch);
      const read = await store().readStream(stream);
      expect(read.map((e) => e.id)).toEqual(batch.map((e) => e.id));
      expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(read[0]).toMatchObject({ streamId: stream, type: 'ThingHappened', data: { n: 0 }, metadata: { source: 'contract' } });
      expect(read[0].recordedAt).toBeInstanceOf(Date);
    });

    it('writes nothing when one event of the append is invalid', async () => {
      const stream = uniqueStream();
      const batch = [anEvent(), { ...anEvent(), id: 'not-a-uuid' }];
      const error = await rejection(store().appendToStream(stream, batch));
      expect(error).toBeInstanceOf(InvalidEventStoreArgumentError);
      await expect(store().readStream(stream)).rejects.toMatchObject({ code: 'EVENT_STORE.STREAM_NOT_FOUND' });
    });

    it('writes nothing of a conflicting append', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(1));
      await rejection(store().appendToStream(stream, events(3), { expectedRevision: 'no_stream' }));
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('lets exactly one of many concurrent writers at the same revision win', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(1));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => store().appendToStream(stream, events(2), { expectedRevision: 0n })),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('commits concurrent appends to different streams independently of a conflict among them', async () => {
      const streams = Array.from({ length: 10 }, () => uniqueStream());
      const appends = streams.map((stream) => store().appendToStream(stream, events(1), { expectedRevision: 'no_stream' }));
      const conflicting = store().appendToStream(streams[0], events(1), { expectedRevision: 7n });
      const results = await Promise.allSettled([...appends, conflicting]);
      expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[10].status).toBe('rejected');
      const positions = (results.slice(0, 10) as PromiseFulfilledResult<{ position: bigint }>[]).map((r) => r.value.position);
      expect(new Set(positions).size).toBe(10);
    });

    it('rejects a non-UUID event id before writing', async () => {
      const error = await rejection(store().appendToStream(uniqueStream(), [{ id: randomUUID().slice(1), type: 'X', data: {} }]));
      expect(error).toBeInstanceOf(InvalidEventStoreArgumentError);
    });
  });
}
