/**
 * One table is the log. `position` is the `$all` order; (stream_id, revision) is unique, which is
 * the last line of defence of optimistic concurrency. System events (stream metadata in `$$x`,
 * tombstones) live in the same table, as in EventStoreDB.
 *
 * No other index (issue 21): an index on (stream_id, event_id) doubled the cost of each insert
 * and served only the idempotency check of an append with `any` or `stream_exists`, which now
 * looks the ids up among the stream's rows through the unique index (a scan of that one stream;
 * every append of the engine gives an exact revision, whose check reads only the rows after it).
 * Files made by an earlier build lose the index on open.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
DROP INDEX IF EXISTS events_by_event_id;
`;

/** EventStoreDB writes a tombstone at revision long.MaxValue; so do we. */
export const TOMBSTONE_REVISION = 9223372036854775807n;
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
