import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';

/** A fresh SQLite file per test; `reopen` is a second process (or a restart) on the same file. */
export function tempSqliteFile(prefix = 'engine-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'events.db');
  return {
    file,
    open: () => new SqliteEventStore({ file, durability: 'normal' }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
