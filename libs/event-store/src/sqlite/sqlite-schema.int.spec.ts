import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events } from '../contract/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

describe('embedded SQLite store: the log table has no index beyond its unique (stream, revision)', () => {
  it('drops the event-id index of a file made by an earlier build, and still answers a retried `any` append with its first result', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'es-schema-')), 'events.db');
    await new SqliteEventStore({ file }).close();
    const old = new Database(file);
    old.exec('CREATE INDEX events_by_event_id ON events (stream_id, event_id)');
    old.close();

    const store = new SqliteEventStore({ file });
    const batch = events(2);
    const first = await store.appendToStream('s-1', batch);
    await store.appendToStream('s-1', events(3));
    expect(await store.appendToStream('s-1', batch)).toEqual(first);
    expect((await store.readStream('s-1')).length).toBe(5);
    await store.close();

    const check = new Database(file, { readonly: true });
    const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all();
    check.close();
    expect(indexes).toEqual(['sqlite_autoindex_events_1']);
  });
});
