import { sql, type Kysely } from 'kysely';
import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget, type RmTarget } from '../test-support/read-model-targets';
import type { ReadModelDb } from './read-model-db';
import { RowChanges } from './row-changes';
import { TableRenamerPlugin } from './table-renamer.plugin';

interface Item {
  id: string;
  n: number;
}

function rowChangesContract(target: RmTarget): void {
  describe(`${target.name}: row changes of a batch`, () => {
    let rm: ReadModelDb;
    let dispose: () => Promise<void>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let db: Kysely<any>;
    beforeEach(async () => {
      ({ rm, dispose } = await target.open());
      db = rm.db;
      // `note` stands for a column a newer projection version added and this fold does not set.
      await sql`create table items (id text primary key, n integer not null, note text default 'kept')`.execute(db);
      // One shape per statement: a row without `note` in a mixed multi-row insert would get NULL
      // on SQLite (Kysely writes its missing values as null there), the default on PostgreSQL.
      await db.insertInto('items').values({ id: 'a', n: 1, note: 'stored' }).execute();
      await db.insertInto('items').values([{ id: 'b', n: 2 }, { id: 'c', n: 3 }]).execute();
    });
    afterEach(() => dispose());

    it('writes only the net change: updated, new, deleted, and deleted then put again, with unset columns left alone', async () => {
      const items = new RowChanges<Item>('items', ['id'], (r) => ({ ...r, n: Number(r.n) }));
      await items.load(db, 'id', ['a', 'b', 'c', 'x']);
      expect(items.get({ id: 'x' })).toBeUndefined();
      items.put({ ...items.get({ id: 'a' })!, n: 10 });
      items.put({ ...items.get({ id: 'a' })!, n: items.get({ id: 'a' })!.n + 1 }); // sees the change before it
      items.put({ id: 'x', n: 7 }); // flushed beside `a`, which carries `note`: x must still get the default
      items.remove({ id: 'b' });
      items.remove({ id: 'c' });
      items.put({ id: 'c', n: 30 });
      expect(items.get({ id: 'b' })).toBeUndefined();
      await items.flush(db);
      const rows = await db.selectFrom('items').select(['id', 'n', 'note']).orderBy('id').execute();
      expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
        { id: 'a', n: 11, note: 'stored' },
        { id: 'c', n: 30, note: 'kept' },
        { id: 'x', n: 7, note: 'kept' },
      ]);
    });

    it('sets only the columns that changed: a row put back unchanged is not written, a changed one keeps its other columns', async () => {
      const items = new RowChanges<Item & { note: string | null }>('items', ['id'], (r) => ({ ...r, n: Number(r.n) }));
      await items.load(db, 'id', ['a', 'b']);
      items.put({ ...items.get({ id: 'a' })! });
      items.put({ ...items.get({ id: 'b' })!, n: 20 });
      // Behind the batch's back (stands for the columns the upsert leaves alone).
      await db.updateTable('items').set({ note: 'elsewhere' }).execute();
      await items.flush(db);
      const rows = await db.selectFrom('items').select(['id', 'n', 'note']).where('id', 'in', ['a', 'b']).orderBy('id').execute();
      expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
        { id: 'a', n: 1, note: 'elsewhere' },
        { id: 'b', n: 20, note: 'elsewhere' },
      ]);
    });

    it('updates rows keyed by two columns, each setting its own changed columns, under the physical name the transaction gives', async () => {
      await sql`create table pairs_g7 (a text not null, b text not null, x integer not null, y text, primary key (a, b))`.execute(db);
      await db.insertInto('pairs_g7').values([
        { a: 't1', b: 'l1', x: 1, y: 'one' },
        { a: 't1', b: 'l2', x: 2, y: 'two' },
        { a: 't2', b: 'l1', x: 3, y: 'three' },
      ]).execute();
      const renamed = db.withPlugin(new TableRenamerPlugin({ pairs: 'pairs_g7' }));
      const pairs = new RowChanges<{ a: string; b: string; x: number; y: string | null }>('pairs', ['a', 'b'], (r) => ({ ...r, x: Number(r.x) }));
      expect(await pairs.load(renamed, 'a', ['t1', 't2'])).toHaveLength(3);
      // Asked once per batch: a second load of the same values reads nothing and keeps the batch's rows.
      pairs.put({ ...pairs.get({ a: 't1', b: 'l1' })!, x: 10 });
      expect(await pairs.load(renamed, 'a', ['t1'])).toEqual([]);
      expect(pairs.get({ a: 't1', b: 'l1' })!.x).toBe(10);
      pairs.put({ ...pairs.get({ a: 't1', b: 'l2' })!, y: null });
      pairs.put({ ...pairs.get({ a: 't2', b: 'l1' })!, x: 30, y: 'THREE' });
      await pairs.flush(renamed);
      const rows = await db.selectFrom('pairs_g7').selectAll().orderBy('a').orderBy('b').execute();
      expect(rows.map((r) => ({ ...r, x: Number(r.x) }))).toEqual([
        { a: 't1', b: 'l1', x: 10, y: 'one' },
        { a: 't1', b: 'l2', x: 2, y: null },
        { a: 't2', b: 'l1', x: 30, y: 'THREE' },
      ]);
    });

    it('writes full statements again with the next rows (the SQL of a full chunk is reused): every row lands', async () => {
      // 2 columns: 2,000 rows per statement, so 4,500 rows make two full chunks and a part one, twice.
      const ids = Array.from({ length: 4_500 }, (_, i) => `k${i}`);
      for (const round of [1, 2]) {
        const items = new RowChanges<Item>('items', ['id'], (r) => ({ ...r, n: Number(r.n) }));
        await items.load(db, 'id', ids);
        for (const [i, id] of ids.entries()) items.put({ id, n: round * 10_000 + i });
        await items.flush(db);
      }
      const rows = await db.selectFrom('items').select(['id', 'n']).where('id', 'like', 'k%').execute();
      expect(rows).toHaveLength(4_500);
      expect(rows.every((r) => Number(r.n) === 20_000 + Number(String(r.id).slice(1)))).toBe(true);
    });
  });
}

describe('read models on SQLite', () => rowChangesContract(sqliteTarget));
describePg('read models on PostgreSQL', () => rowChangesContract(postgresTarget));
