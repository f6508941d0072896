import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { anEvent, events, rejection, uniqueStream, type SubjectFactory } from './contract-helpers';

export function metadataAndDeletionContract(subject: SubjectFactory): void {
  describe('stream metadata', () => {
    const s = subject();
    const store = () => s.get().store;

    it('has empty metadata and no metadata revision before any is written', async () => {
      const result = await store().getStreamMetadata(uniqueStream());
      expect(result.metadata).toEqual({});
      expect(result.metaRevision).toBeUndefined();
    });

    it('round-trips max count, max age, truncate-before, cache control and custom keys', async () => {
      const stream = uniqueStream();
      const metadata = { maxCount: 10, maxAge: 3600, truncateBefore: 2n, cacheControl: 60, custom: { owner: 'csi', tier: 1 } };
      await store().setStreamMetadata(stream, metadata);
      const result = await store().getStreamMetadata(stream);
      expect(result.metadata).toEqual(metadata);
      expect(result.metaRevision).toBe(0n);
    });

    it('checks the expected revision of the metadata stream', async () => {
      const stream = uniqueStream();
      await store().setStreamMetadata(stream, { custom: { v: 1 } }, { expectedRevision: 'no_stream' });
      const error = await rejection(store().setStreamMetadata(stream, { custom: { v: 2 } }, { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      await store().setStreamMetadata(stream, { custom: { v: 2 } }, { expectedRevision: 0n });
      expect((await store().getStreamMetadata(stream)).metadata.custom).toEqual({ v: 2 });
    });

    it('hides all but the newest max-count events from reads', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(5));
      await store().setStreamMetadata(stream, { maxCount: 2 });
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([3n, 4n]);
      expect((await store().readStream(stream, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4n, 3n]);
    });

    it('hides events before truncate-before from reads', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(5));
      await store().setStreamMetadata(stream, { truncateBefore: 3n });
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([3n, 4n]);
    });

    it('hides events older than max age from reads', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      await store().setStreamMetadata(stream, { maxAge: 60 });
      expect(await store().readStream(stream)).toHaveLength(2);
      const advance = s.get().advanceClock;
      if (!advance) return; // a real server's clock cannot be moved: the visible half is checked above
      advance(61_000);
      await store().appendToStream(stream, events(1));
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([2n]);
    });
  });

  describe('soft delete and tombstone', () => {
    const s = subject();
    const store = () => s.get().store;

    it('soft delete hides the stream: reads say not found', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(3));
      await store().deleteStream(stream, { expectedRevision: 2n });
      await expect(store().readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('a soft-deleted stream is recreated by an append, revisions continuing and old events hidden', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(3));
      await store().deleteStream(stream);
      const fresh = anEvent('Recreated');
      const result = await store().appendToStream(stream, [fresh], { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(3n);
      const read = await store().readStream(stream);
      expect(read.map((e) => [e.id, e.revision])).toEqual([[fresh.id, 3n]]);
    });

    it('soft delete checks the expected revision', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      const error = await rejection(store().deleteStream(stream, { expectedRevision: 0n }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('tombstone is permanent: reads and appends throw stream-deleted', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      await store().tombstoneStream(stream, { expectedRevision: 1n });
      await expect(store().readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store().appendToStream(stream, events(1))).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store().deleteStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('tombstoned and soft-deleted streams keep their events in $all (the log is never rewritten)', async () => {
      const prefix = uniqueStream('kept');
      await store().appendToStream(`${prefix}-soft`, events(1));
      await store().appendToStream(`${prefix}-hard`, events(1));
      await store().deleteStream(`${prefix}-soft`);
      await store().tombstoneStream(`${prefix}-hard`);
      const all = await store().readAll({ filter: { streamNamePrefixes: [prefix] } });
      expect(all.map((e) => e.streamId).sort()).toEqual([`${prefix}-hard`, `${prefix}-soft`]);
    });
  });
}
