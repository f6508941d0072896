/**
 * Re-appending event ids already written, answered as EventStoreDB's server answers it (KurrentDB
 * `IndexWriter.CheckCommit`): a retry whose answer was lost gets the original result and writes
 * nothing; a retry that only partly matches what was written is a wrong expected version.
 * - exact revision and no_stream ("strong" check): the ids must be the events right after the
 *   expected revision, in order;
 * - any and stream_exists alike ("weak" check): every id must be in the stream; the answer is the
 *   revision and position of the last id's event. An append whose first id is new is a new append.
 */
import type { AppendResult, EventData, EventStore, ExpectedRevision } from '../event-store.port';
import { WrongExpectedVersionError } from '../event-store.errors';
import { anEvent, events, rejection, uniqueStream, type SubjectFactory } from './contract-helpers';

interface Written {
  stream: string;
  a: EventData;
  b: EventData;
  /** The answer to the original append of [a, b] at no_stream. */
  first: AppendResult;
  /** Position of a (revision 0). */
  positionOfA: bigint;
}

async function writtenAB(store: EventStore): Promise<Written> {
  const stream = uniqueStream('idem');
  const [a, b] = events(2);
  const first = await store.appendToStream(stream, [a, b], { expectedRevision: 'no_stream' });
  const [readA] = await store.readStream(stream, { maxCount: 1 });
  return { stream, a, b, first, positionOfA: readA.position };
}

const ids = async (store: EventStore, stream: string): Promise<string[]> => (await store.readStream(stream)).map((e) => e.id);

export function idempotentAppendContract(subject: SubjectFactory): void {
  describe('idempotent re-append', () => {
    const s = subject();
    const store = () => s.get().store;

    async function expectNoOp(w: Written, retry: EventData[], expected: ExpectedRevision, answer: { revision: bigint; position: bigint }) {
      const before = await ids(store(), w.stream);
      const result = await store().appendToStream(w.stream, retry, { expectedRevision: expected });
      expect(result).toEqual({ nextExpectedRevision: answer.revision, position: answer.position });
      expect(await ids(store(), w.stream)).toEqual(before);
    }

    async function expectRefused(w: Written, retry: EventData[], expected: ExpectedRevision) {
      const before = await ids(store(), w.stream);
      const error = await rejection(store().appendToStream(w.stream, retry, { expectedRevision: expected }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: w.stream, expected });
      expect(await ids(store(), w.stream)).toEqual(before);
    }

    describe('at an exact revision', () => {
      it('answers a full retry at the same revision with the original revision and position, writing nothing', async () => {
        const stream = uniqueStream('idem');
        await store().appendToStream(stream, events(1));
        const batch = events(2);
        const first = await store().appendToStream(stream, batch, { expectedRevision: 0n });
        await store().appendToStream(stream, events(1), { expectedRevision: 2n });
        const retry = await store().appendToStream(stream, batch, { expectedRevision: 0n });
        expect(retry).toEqual(first);
        expect(await store().readStream(stream)).toHaveLength(4);
      });

      it('refuses a partial retry (first id written, second not) with wrong expected version', async () => {
        const stream = uniqueStream('idem');
        await store().appendToStream(stream, events(1));
        const [a, b] = events(2);
        await store().appendToStream(stream, [a, b], { expectedRevision: 0n });
        const error = await rejection(store().appendToStream(stream, [a, anEvent()], { expectedRevision: 0n }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ expected: 0n, actual: 2n });
        expect(await store().readStream(stream)).toHaveLength(3);
      });

      it('refuses the same ids out of order with wrong expected version', async () => {
        const stream = uniqueStream('idem');
        await store().appendToStream(stream, events(1));
        const [a, b] = events(2);
        await store().appendToStream(stream, [a, b], { expectedRevision: 0n });
        const error = await rejection(store().appendToStream(stream, [b, a], { expectedRevision: 0n }));
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(await store().readStream(stream)).toHaveLength(3);
      });
    });

    describe('with no_stream', () => {
      it('answers a retried first append with the original revision and position, writing nothing', async () => {
        const w = await writtenAB(store());
        await expectNoOp(w, [w.a, w.b], 'no_stream', { revision: 1n, position: w.first.position });
      });

      it('answers a retry of a prefix of the first append (the ids at revisions 0..n) as a no-op', async () => {
        const w = await writtenAB(store());
        await expectNoOp(w, [w.a], 'no_stream', { revision: 0n, position: w.positionOfA });
      });

      it('refuses a retry whose second id differs from what was written', async () => {
        const w = await writtenAB(store());
        await expectRefused(w, [w.a, anEvent()], 'no_stream');
      });

      it('refuses a retry that goes on past what was written', async () => {
        const w = await writtenAB(store());
        await expectRefused(w, [w.a, w.b, anEvent()], 'no_stream');
      });

      it('refuses the same ids out of order', async () => {
        const w = await writtenAB(store());
        await expectRefused(w, [w.b, w.a], 'no_stream');
      });
    });

    for (const expected of ['any', 'stream_exists'] as const) {
      describe(`with ${expected}`, () => {
        it('answers a full retry with the original revision and position, writing nothing', async () => {
          const w = await writtenAB(store());
          await expectNoOp(w, [w.a, w.b], expected, { revision: 1n, position: w.first.position });
        });

        it('answers a full retry with the original answer even after later appends to the stream', async () => {
          const w = await writtenAB(store());
          await store().appendToStream(w.stream, events(2));
          await expectNoOp(w, [w.a, w.b], expected, { revision: 1n, position: w.first.position });
        });

        it('refuses a partial retry (first id written, a later one not) with wrong expected version', async () => {
          const w = await writtenAB(store());
          await expectRefused(w, [w.a, anEvent()], expected);
        });

        it('refuses a partial retry of a one-event stream ([A, C] onto [A]) instead of writing A again', async () => {
          const stream = uniqueStream('idem');
          const a = anEvent();
          await store().appendToStream(stream, [a]);
          const error = await rejection(store().appendToStream(stream, [a, anEvent()], { expectedRevision: expected }));
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(await ids(store(), stream)).toEqual([a.id]);
        });

        it('answers written ids given out of order as the server does: a no-op at the last given id', async () => {
          const w = await writtenAB(store());
          await expectNoOp(w, [w.b, w.a], expected, { revision: 0n, position: w.positionOfA });
        });

        it('writes an append whose first id is new, as the server does, even when a later id was written before', async () => {
          const w = await writtenAB(store());
          const c = anEvent();
          const result = await store().appendToStream(w.stream, [c, w.a], { expectedRevision: expected });
          expect(result.nextExpectedRevision).toBe(3n);
          expect(await ids(store(), w.stream)).toEqual([w.a.id, w.b.id, c.id, w.a.id]);
        });
      });
    }

    it('refuses stream_exists on a stream never written, even with ids written elsewhere', async () => {
      const w = await writtenAB(store());
      const error = await rejection(store().appendToStream(uniqueStream('idem'), [w.a], { expectedRevision: 'stream_exists' }));
      expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    });

    it('treats ids written to another stream as new under any', async () => {
      const w = await writtenAB(store());
      const other = uniqueStream('idem');
      const result = await store().appendToStream(other, [w.a, w.b]);
      expect(result.nextExpectedRevision).toBe(1n);
      expect(await ids(store(), other)).toEqual([w.a.id, w.b.id]);
    });
  });
}
