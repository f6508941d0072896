/**
 * One table is the log. `position` is the `$all` order; (stream_id, revision) is unique, which is
 * the last line of defence of optimistic concurrency. System events (stream metadata in `$$x`,
 * tombstones) live in the same table, as in EventStoreDB.
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
CREATE INDEX IF NOT EXISTS events_by_event_id ON events (stream_id, event_id);
`;

/** EventStoreDB writes a tombstone at revision long.MaxValue; so do we. */
export const TOMBSTONE_REVISION = 9223372036854775807n;
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
