import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDb, type ReadModelDb } from '../database/read-model-db';
import { migrateRunnerTables } from '../database/runner-migrations';
import { createPgDatabase } from './pg-database';

export const tempDir = (prefix = 'rm-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Where a suite's read models live: a fresh SQLite file, or a fresh PostgreSQL database. */
export interface RmTarget {
  name: 'SQLite' | 'PostgreSQL';
  /** A new, empty, migrated read-model database (and what to do afterwards). */
  open(): Promise<{ rm: ReadModelDb; config: { file?: string; url?: string }; dispose(): Promise<void> }>;
}

export const sqliteTarget: RmTarget = {
  name: 'SQLite',
  open: async () => {
    const file = join(tempDir(), 'read-models.db');
    const rm = openReadModelDb({ file });
    await migrateRunnerTables(rm.db);
    return { rm, config: { file }, dispose: () => rm.close() };
  },
};

export const postgresTarget: RmTarget = {
  name: 'PostgreSQL',
  open: async () => {
    const database = await createPgDatabase();
    const rm = openReadModelDb({ url: database.url });
    await migrateRunnerTables(rm.db);
    return {
      rm,
      config: { url: database.url },
      dispose: async () => {
        await rm.close();
        await database.drop();
      },
    };
  },
};
