/**
 * A second process writing the same store file: `tsx append-worker.ts <file> <name> <appends>`.
 * Appends `appends` events, 8 in flight, half to streams every worker shares (expected revision
 * `any`) and half to its own streams at exact revisions (read, append, retry on conflict, as the
 * command pipeline does). Prints one JSON line: the ids acknowledged and every error's code.
 */
import { randomUUID } from 'node:crypto';
import { StreamNotFoundError, WrongExpectedVersionError } from '../../event-store.errors';
import { SqliteEventStore } from '../sqlite-event-store';

async function main(): Promise<void> {
  const [file, name, count] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const acknowledged: string[] = [];
  const errors: string[] = [];
  let next = 0;
  const appendOne = async (i: number): Promise<void> => {
    const id = randomUUID();
    const event = { id, type: 'WorkerAppended', data: { worker: name, i } };
    if (i % 2 === 0) {
      await store.appendToStream(`shared-${i % 10}`, [event]);
    } else {
      const stream = `own-${name}-${i % 5}`;
      for (;;) {
        const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 }).catch((error: unknown) => {
          if (error instanceof StreamNotFoundError) return [];
          throw error;
        });
        try {
          await store.appendToStream(stream, [event], { expectedRevision: last[0]?.revision ?? 'no_stream' });
          break;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
      }
    }
    acknowledged.push(id);
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < Number(count)) {
        const i = next++;
        try {
          await appendOne(i);
        } catch (error) {
          errors.push((error as { code?: string }).code ?? String(error));
        }
      }
    }),
  );
  await store.close();
  process.stdout.write(`${JSON.stringify({ acknowledged, errors })}\n`);
}

void main();
