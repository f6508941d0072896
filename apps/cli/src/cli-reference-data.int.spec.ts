import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { cli, tempDir, writeJson } from './test-support/cli-harness';

const EXAMPLE = join(__dirname, '../../../docs/examples/reference-data.json');

describe('CLI: reference-data seed', () => {
  it('writes the example file, and a second run writes nothing', async () => {
    const store = join(tempDir(), 'events.db');
    const first = await cli(['reference-data', 'seed', EXAMPLE, '--json'], { store });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ created: { user: 4, group: 3, service: 3, ci: 2, 'catalog-item': 2 }, existing: {}, events: 4 + 3 + 4 + 3 + 2 + 2 + 2 }); // users, groups, members, services, offerings, CIs, items
    const second = await cli(['reference-data', 'seed', EXAMPLE], { store });
    expect(second.out).toBe('Created: none; already there: 4 user, 3 group, 3 service, 2 ci, 2 catalog-item; 0 event(s) written\n');
    const s = new SqliteEventStore({ file: store });
    const events = await s.readStream('group-messaging');
    await s.close();
    expect(events.map((e) => [e.type, (e.metadata as { actor: string }).actor])).toEqual([
      ['GroupCreated', 'owner:pat'],
      ['GroupMemberAdded', 'owner:pat'],
      ['GroupMemberAdded', 'owner:pat'],
    ]);
  });

  it('stops at the first refused entry, naming its path in the file', async () => {
    const dir = tempDir();
    const store = join(dir, 'events.db');
    const file = writeJson(dir, 'bad.json', { users: [{ id: 'ana', displayName: 'Ana' }], groups: [{ id: 'desk', name: 'Desk', members: ['ana', 'ghost'] }] });
    const run = await cli(['reference-data', 'seed', file], { store });
    expect(run.code).toBe(1);
    expect(run.err).toContain("error [REFERENCE_DATA.REFERENCE_NOT_ALLOWED]: $.groups[0].members[1]: $.userId: unknown user 'ghost'");
  });

  it('refuses a file that is not JSON as a usage error', async () => {
    const dir = tempDir();
    const run = await cli(['reference-data', 'seed', writeJson(dir, 'x.json', '{ users: ')], { store: join(dir, 'events.db') });
    expect([run.code, run.err]).toEqual([2, expect.stringMatching(/is not valid JSON/)]);
  });
});
