import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { events } from './contract/contract-helpers';
import { readAllPages } from './read-all-pages';

describe('Reading $all in pages', () => {
  it('delivers every matching event once, in order, in pages of the asked size', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    for (let i = 0; i < 7; i++) await store.appendToStream(`ticket-${i}`, events(3));
    await store.appendToStream('other-1', events(5));
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of readAllPages(store, { pageSize: 4, filter: { streamNamePrefixes: ['ticket-'] } })) {
      pages.push(page.length);
      seen.push(...page.map((e) => `${e.streamId}@${e.revision}`));
    }
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    expect(seen).toEqual((await store.readAll({ filter: { streamNamePrefixes: ['ticket-'] } })).map((e) => `${e.streamId}@${e.revision}`));
    expect(pages).toEqual([4, 4, 4, 4, 4, 1]);
    await store.close();
  });

  it('yields nothing for an empty log', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const pages = [];
    for await (const page of readAllPages(store)) pages.push(page);
    expect(pages).toEqual([]);
    await store.close();
  });
});
