import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ReferenceDataService } from '../application/reference-data.service';
import { checkRequestable } from '../catalog-item/request-check';
import { ReferenceUnusableError } from '../reference-data.errors';
import { NOW, cmd, tempFile } from '../test-support/reference-fixtures';
import { seedWorld } from '../test-support/seed-reference-data';
import { EventSourcedReferences } from './event-sourced-references';
import { ReferenceIndex } from './reference-index';

/** Two processes on one SQLite file: each has its own store connection, pipeline and index. */
function openProcess(file: string, seed: string) {
  // A long poll interval: the reader must not rely on a timely poll to see the writer's records.
  const store = new SqliteEventStore({ file, now: () => NOW, pollIntervalMs: 60_000 });
  const index = new ReferenceIndex(store);
  return { store, index, refs: new ReferenceDataService(new CommandPipeline(store, new SequentialIds(seed)), index) };
}

describe('Reference index: kept current from the store', () => {
  let file: string;
  let writer: ReturnType<typeof openProcess>;
  let reader: ReturnType<typeof openProcess>;
  beforeEach(async () => {
    file = tempFile();
    writer = openProcess(file, 'writer');
    await writer.index.start();
    await seedWorld(writer.refs);
    reader = openProcess(file, 'reader');
    await reader.index.start();
  });
  afterEach(async () => {
    await reader.index.stop();
    await writer.index.stop();
    await reader.store.close();
    await writer.store.close();
  });

  it('folds the history written before it started', async () => {
    expect(reader.index.list('user').map((u) => u.id).sort()).toEqual(['ana', 'olga']);
    expect(await reader.index.get('group', 'workplace')).toMatchObject({ members: ['ana'] });
  });

  it("never reports unknown a record another process created a moment ago (a direct read on a miss)", async () => {
    await writer.refs.execute('ci', cmd('RegisterConfigurationItem', { id: 'printer-3', name: 'Printer 3', type: 'printer', owningService: 'workplace' }));
    // The reader's subscription has not polled yet (60 s): only the miss read can find it.
    expect(reader.index.list('ci').map((c) => c.id)).toEqual(['laptop-17']);
    expect(await reader.index.get('ci', 'printer-3')).toMatchObject({ id: 'printer-3', owningService: 'workplace' });
  });

  it("sees another process's membership change once its subscription reaches that position", async () => {
    const result = await writer.refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'olga' }));
    // Reads through its pipeline wake the reader's own subscription only for its own commits; poke it with a local commit.
    await reader.refs.execute('user', cmd('RegisterUser', { id: 'poke', displayName: 'p' }));
    await reader.index.caughtUpTo(result.position!);
    expect((await reader.index.get('group', 'workplace'))?.members).toEqual(['ana', 'olga']);
  });

  it('folds each event once, whichever path brought it first (miss read, own write, subscription)', async () => {
    await writer.refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'olga' }));
    await reader.index.read('group', 'workplace');
    const last = await reader.refs.execute('group', cmd('RemoveGroupMember', { id: 'workplace', userId: 'ana' }));
    await reader.index.caughtUpTo(last.position!);
    expect((await reader.index.get('group', 'workplace'))?.members).toEqual(['olga']);
  });

  it('answers a fresh lookup from memory once it has seen the whole log, and reads the stream after another process wrote', async () => {
    const reads: string[] = [];
    const readStream = reader.store.readStream.bind(reader.store);
    reader.store.readStream = ((stream: string, options?: Parameters<typeof readStream>[1]) => (reads.push(stream), readStream(stream, options))) as typeof readStream;
    // A local commit moves the reader's subscription to the head.
    const poke = await reader.refs.execute('user', cmd('RegisterUser', { id: 'poke', displayName: 'p' }));
    await reader.index.caughtUpTo(poke.position!);
    reads.length = 0;
    expect(await reader.index.get('group', 'workplace', { fresh: true })).toMatchObject({ members: ['ana'] });
    expect(await reader.index.get('group', 'nobody', { fresh: true })).toBeUndefined();
    expect(reads).toEqual([]);
    // Another process's write is past what the subscription has seen (it has not polled): read.
    await writer.refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'olga' }));
    expect((await reader.index.get('group', 'workplace', { fresh: true }))?.members).toEqual(['ana', 'olga']);
    expect(reads).toEqual(['group-workplace']);
  });

  describe('as the ticket engine\'s reference resolver', () => {
    it('answers groups with their active members, CIs, services and catalog items; unknown ids are absent', async () => {
      await writer.refs.execute('user', cmd('RegisterUser', { id: 'raj', displayName: 'Raj' }));
      await writer.refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'raj' }));
      await writer.refs.execute('user', cmd('DeactivateUser', { id: 'raj', reason: 'left' }));
      const snapshot = await new EventSourcedReferences(reader.index).resolve([
        { kind: 'group', id: 'workplace' },
        { kind: 'ci', id: 'laptop-17' },
        { kind: 'ci', id: 'no-such-ci' },
        { kind: 'service', id: 'workplace' },
        { kind: 'catalog-item', id: 'laptop' },
        { kind: 'group', id: '../etc' },
      ]);
      expect(snapshot.group).toEqual({ workplace: { id: 'workplace', name: 'Workplace team', members: ['ana'], active: true } });
      expect(snapshot.ci).toEqual({ 'laptop-17': { id: 'laptop-17', name: 'Laptop 17', type: 'laptop', service: 'workplace', status: 'operational' } });
      expect(snapshot.service.workplace).toMatchObject({ stage: 'live', owner: 'olga', supportGroup: 'workplace', slaPolicy: 'silver' });
      expect(snapshot['catalog-item'].laptop).toMatchObject({ id: 'laptop', name: 'New laptop', service: 'workplace', active: true, serviceStage: 'live', approvers: ['olga'], tasks: ['order', 'deliver'], fulfilmentGroup: 'workplace', formVersion: 1 });
      expect(snapshot['catalog-item'].laptop.form?.map((f) => f.name)).toEqual(['model', 'replaces']);
      expect(snapshot.asked).toHaveLength(6);
    });
  });

  describe('raising a request against the catalog', () => {
    it('gives the item, its approvers by rule and its fulfilment group', async () => {
      const ok = await checkRequestable(reader.index, 'laptop', { model: '13-inch', replaces: 'laptop-17' });
      expect({ approvers: ok.approvers, group: ok.fulfilmentGroup, formVersion: ok.item.formVersion }).toEqual({ approvers: ['olga'], group: 'workplace', formVersion: 1 });
    });

    it.each([
      ['an unknown item', 'phone', { model: '13-inch' }, "$.catalogItem: unknown catalog item 'phone'"],
      ['a form value of the wrong type', 'laptop', { model: 'tablet' }, '$.form.model: must be one of 13-inch, 15-inch'],
      ['an unknown CI in the form', 'laptop', { model: '13-inch', replaces: 'laptop-99' }, "$.form.replaces: unknown ci 'laptop-99'"],
      ['a missing required value', 'laptop', {}, '$.form.model: is required'],
    ])('refuses %s', async (_name, item, form, message) => {
      await expect(checkRequestable(reader.index, item, form)).rejects.toThrow(new ReferenceUnusableError([{ path: message.split(': ')[0], message: message.split(': ').slice(1).join(': ') }]).message);
    });

    it('refuses a request for an item of a retired service', async () => {
      await writer.refs.execute('service', cmd('ChangeServiceStage', { id: 'workplace', stage: 'retired' }));
      await expect(checkRequestable(reader.index, 'laptop', { model: '13-inch' })).rejects.toThrow(/retired: only live services take requests/);
    });
  });
});
