/**
 * Another process holding the store file's write lock: `node lock-holder.js <file> <ms>`.
 * Takes the lock (BEGIN IMMEDIATE), writes one event, prints "locked", commits after <ms>,
 * prints "released". Plain JavaScript, so it starts in a few milliseconds.
 */
const Database = require('better-sqlite3');
const { randomUUID } = require('node:crypto');
const { setTimeout } = require('node:timers');

const [file, ms] = process.argv.slice(2);
const db = new Database(file);
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)').run(
  'held-by-other-process',
  randomUUID(),
  'LockHeld',
  '{}',
  '{}',
  Date.now(),
);
process.stdout.write('locked\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
}, Number(ms));
