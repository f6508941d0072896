import { join } from 'node:path';
import { sql } from 'kysely';
import { tempDir } from '../test-support/read-model-targets';
import { openReadModelDb } from './read-model-db';

const pragma = async (rm: ReturnType<typeof openReadModelDb>, name: string): Promise<unknown> => {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(rm.db);
  return Object.values(rows[0])[0];
};

describe('read-model SQLite file', () => {
  it('is in WAL mode with synchronous NORMAL and a 16 MB page cache, on a fresh file and again after a reopen', async () => {
    const file = join(tempDir(), 'read-models.db');
    for (const open of ['fresh', 'reopened']) {
      const rm = openReadModelDb({ file });
      try {
        expect({ open, journal: await pragma(rm, 'journal_mode'), synchronous: await pragma(rm, 'synchronous'), cache: await pragma(rm, 'cache_size') }).toEqual({ open, journal: 'wal', synchronous: 1, cache: -16384 });
      } finally {
        await rm.close();
      }
    }
  });
});
