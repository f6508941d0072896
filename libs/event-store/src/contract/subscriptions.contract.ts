import { firstValueFrom, take as takeN, toArray } from 'rxjs';
import type { RecordedEvent } from '../event-store.port';
import { StreamDeletedError } from '../event-store.errors';
import { anEvent, events, take, uniqueStream, type SubjectFactory } from './contract-helpers';

export function subscriptionsContract(subject: SubjectFactory): void {
  describe('catch-up subscriptions', () => {
    const s = subject();
    const store = () => s.get().store;

    it('delivers a stream history after an exclusive revision, then live events', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(3));
      const subscription = store().subscribeToStream(stream, { fromRevision: 0n });
      const received = take(subscription, 4);
      await subscription.caughtUp;
      await store().appendToStream(stream, events(2));
      expect((await received).map((e) => e.revision)).toEqual([1n, 2n, 3n, 4n]);
    });

    it('waits on a stream that does not exist yet and delivers it from revision 0', async () => {
      const stream = uniqueStream();
      const subscription = store().subscribeToStream(stream);
      const received = take(subscription, 2);
      await subscription.caughtUp;
      await store().appendToStream(stream, events(2));
      expect((await received).map((e) => e.revision)).toEqual([0n, 1n]);
    });

    it('delivers $all after an exclusive position, with a filter, then live events', async () => {
      const prefix = uniqueStream('sub');
      const first = await store().appendToStream(`${prefix}-1`, events(2));
      await store().appendToStream(`other-${prefix}`, events(1));
      const subscription = store().subscribeToAll({ fromPosition: first.position, filter: { streamNamePrefixes: [prefix] } });
      const received = take(subscription, 2);
      await store().appendToStream(`${prefix}-2`, events(2));
      const got = await received;
      expect(got.map((e) => e.streamId)).toEqual([`${prefix}-2`, `${prefix}-2`]);
      expect(got.every((e) => e.position > first.position)).toBe(true);
    });

    it('filters a $all subscription by event type', async () => {
      const prefix = uniqueStream('subtype');
      const wanted = `Wanted${prefix}`;
      const head = (await store().headPosition()) ?? 0n;
      const subscription = store().subscribeToAll({ fromPosition: head, filter: { eventTypes: [wanted] } });
      const received = take(subscription, 2);
      await store().appendToStream(`${prefix}-1`, [anEvent('Noise'), anEvent(wanted), anEvent('Noise'), anEvent(wanted)]);
      expect((await received).map((e) => e.revision)).toEqual([1n, 3n]);
    });

    it('reports checkpoints past filtered-out events so a projection can save its place', async () => {
      const prefix = uniqueStream('ckpt');
      const start = (await store().headPosition()) ?? 0n;
      const noise = await store().appendToStream(`noise-${prefix}`, events(3));
      const checkpoints: bigint[] = [];
      let reached!: () => void;
      const done = new Promise<void>((resolve) => (reached = resolve));
      const subscription = store().subscribeToAll({
        fromPosition: start,
        filter: { streamNamePrefixes: [prefix] },
        onCheckpoint: (position) => {
          checkpoints.push(position);
          if (position >= noise.position) reached();
        },
      });
      const iterate = (async () => {
        for await (const _ of subscription) void _;
      })();
      await done;
      await subscription.unsubscribe();
      await iterate;
      expect(checkpoints.some((p) => p >= noise.position)).toBe(true);
    });

    it('does not deliver stream events that reads hide (truncate-before), as EventStoreDB does not', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(4));
      await store().setStreamMetadata(stream, { truncateBefore: 2n });
      expect((await take(store().subscribeToStream(stream), 2)).map((e) => e.revision)).toEqual([2n, 3n]);
    });

    it('is also an rxjs Observable', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(3));
      const got = await firstValueFrom(store().subscribeToStream(stream).toObservable().pipe(takeN(3), toArray()));
      expect(got.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    });

    it('fails a stream subscription on a tombstoned stream with stream-deleted', async () => {
      const stream = uniqueStream();
      await store().appendToStream(stream, events(1));
      await store().tombstoneStream(stream);
      await expect(take(store().subscribeToStream(stream), 1)).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('hands over from catch-up to live with no gap and no duplicate while appends race it', async () => {
      const prefix = uniqueStream('race');
      const writers = 8;
      const perWriter = 40;
      const before = 60;
      for (let i = 0; i < before; i += 20) await store().appendToStream(`${prefix}-pre`, events(20));
      const start = (await store().headPosition()) ?? 0n;
      void start;
      const total = before + writers * perWriter;
      const subscription = store().subscribeToAll({ fromPosition: 'start', filter: { streamNamePrefixes: [prefix] } });
      const streamSub = store().subscribeToStream(`${prefix}-w0`);
      const receivedAll = take(subscription, total);
      const receivedStream = take(streamSub, perWriter);
      // Writers start at once, racing the subscriptions' catch-up reads.
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            await store().appendToStream(`${prefix}-w${w}`, [anEvent('Raced', { w, i })], { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
          }
        }),
      );
      const all = await receivedAll;
      const ids = all.map((e: RecordedEvent) => e.id);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total); // 0 duplicates
      const written = await store().readAll({ filter: { streamNamePrefixes: [prefix] } });
      expect(ids).toEqual(written.map((e) => e.id)); // 0 gaps, $all order
      const stream = await receivedStream;
      expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: perWriter }, (_, i) => BigInt(i)));
    });
  });
}
