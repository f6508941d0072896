import { StreamNotFoundError } from '../event-store.errors';
import { anEvent, events, uniqueStream, type SubjectFactory } from './contract-helpers';

export function readsContract(subject: SubjectFactory): void {
  describe('reading a stream', () => {
    const s = subject();
    const store = () => s.get().store;

    it('reads forwards from a revision, inclusive, up to a max count', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(10));
      const read = await store().readStream(stream, { fromRevision: 3n, maxCount: 4 });
      expect(read.map((e) => e.revision)).toEqual([3n, 4n, 5n, 6n]);
    });

    it('reads backwards from the end and from a revision, inclusive', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(5));
      const fromEnd = await store().readStream(stream, { direction: 'backwards', maxCount: 2 });
      expect(fromEnd.map((e) => e.revision)).toEqual([4n, 3n]);
      const fromTwo = await store().readStream(stream, { direction: 'backwards', fromRevision: 2n });
      expect(fromTwo.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    });

    it('returns nothing when reading forwards past the end of an existing stream', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(2));
      expect(await store().readStream(stream, { fromRevision: 5n })).toEqual([]);
    });

    it('throws a typed stream-not-found error for an unknown stream', async () => {
      const stream = uniqueStream();
      await expect(store().readStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store().readStream(stream)).rejects.toMatchObject({ streamId: stream });
    });
  });

  describe('reading $all', () => {
    const s = subject();
    const store = () => s.get().store;

    it('orders every event of every stream by a strictly increasing position', async () => {
      const prefix = uniqueStream('order');
      const a = `${prefix}-a`;
      const b = `${prefix}-b`;
      const first = await store().appendToStream(a, events(2));
      await store().appendToStream(b, events(3));
      await store().appendToStream(a, events(1));
      const all = await store().readAll({ fromPosition: 0n, filter: { streamNamePrefixes: [prefix] } });
      expect(all.map((e) => `${e.streamId.slice(-1)}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'b1', 'b2', 'a2']);
      for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
      expect(all[1].position).toBe(first.position);
    });

    it('reads forwards from a position inclusively and backwards from it exclusively', async () => {
      const prefix = uniqueStream('pos');
      await store().appendToStream(`${prefix}-1`, events(4));
      const all = await store().readAll({ filter: { streamNamePrefixes: [prefix] } });
      const pivot = all[2].position;
      const forwards = await store().readAll({ fromPosition: pivot, filter: { streamNamePrefixes: [prefix] } });
      expect(forwards.map((e) => e.revision)).toEqual([2n, 3n]);
      const backwards = await store().readAll({ direction: 'backwards', fromPosition: pivot, filter: { streamNamePrefixes: [prefix] } });
      expect(backwards.map((e) => e.revision)).toEqual([1n, 0n]);
    });

    it('reads backwards from the end, newest first, up to a max count', async () => {
      const prefix = uniqueStream('back');
      await store().appendToStream(`${prefix}-1`, events(3));
      await store().appendToStream(`${prefix}-2`, events(3));
      const newest = await store().readAll({ direction: 'backwards', maxCount: 2, filter: { streamNamePrefixes: [prefix] } });
      expect(newest.map((e) => `${e.streamId.slice(-1)}${e.revision}`)).toEqual(['22', '21']);
    });

    it('filters by event type', async () => {
      const prefix = uniqueStream('type');
      const stream = `${prefix}-1`;
      const wanted = `Wanted${prefix}`;
      await store().appendToStream(stream, [anEvent(wanted), anEvent('Other'), anEvent(wanted)]);
      const read = await store().readAll({ filter: { eventTypes: [wanted] } });
      expect(read.map((e) => e.revision)).toEqual([0n, 2n]);
      expect(read.every((e) => e.streamId === stream)).toBe(true);
    });

    it('filters by stream-name prefix, taking the prefix literally', async () => {
      const prefix = uniqueStream('pre');
      await store().appendToStream(`${prefix}_x`, events(1));
      await store().appendToStream(`${prefix}-y`, events(1));
      await store().appendToStream(`other-${prefix}`, events(1));
      const read = await store().readAll({ filter: { streamNamePrefixes: [`${prefix}_`] } });
      expect(read.map((e) => e.streamId)).toEqual([`${prefix}_x`]);
    });

    it('never returns system events such as stream metadata', async () => {
      const prefix = uniqueStream('sys');
      const stream = `${prefix}-1`;
      await store().appendToStream(stream, events(1));
      await store().setStreamMetadata(stream, { maxCount: 5 });
      const head = await store().headPosition();
      expect(head).toBeDefined();
      const tail = await store().readAll({ direction: 'backwards', maxCount: 50 });
      expect(tail.some((e) => e.type.startsWith('$'))).toBe(false);
      expect(tail.some((e) => e.streamId.startsWith('$$'))).toBe(false);
    });
  });
}
