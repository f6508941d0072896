import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { cli, tempDir, writeJson } from './test-support/cli-harness';

const EXAMPLE = join(__dirname, '../../../docs/examples/reference-data.json');

describe('CLI: reference-data seed', () => {
  it('writes the example file, and a second run writes nothing', async () => {
    const store = join(tempDir(), 'events.db');
    const first = await cli(['reference-data', 'seed', EXAMPLE, '--json'], { store });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ created: { user: 7, group: 7, service: 4, ci: 3, 'catalog-item': 2 }, existing: {}, events: 7 + 7 + 14 + 4 + 1 + 2 + 3 + 2 }); // users, groups, members, services, a retirement, offerings, CIs, items
    const second = await cli(['reference-data', 'seed', EXAMPLE], { store });
    expect(second.out).toBe('Created: none; already there: 7 user, 7 group, 4 service, 3 ci, 2 catalog-item; 0 event(s) written\n');
    const s = new SqliteEventStore({ file: store });
    const events = await s.readStream('group-network');
    const fax = await s.readStream('service-fax');
    // Seeding reference data touches no lifecycle (no versions seeded, no drafts proposed).
    const lifecycleEvents = (await s.readAll()).filter((e) => e.streamId.startsWith('lifecycle-'));
    await s.close();
    expect(lifecycleEvents).toEqual([]);
    expect(events.map((e) => [e.type, (e.metadata as { actor: string }).actor])).toEqual([
      ['GroupCreated', 'owner:pat'],
      ['GroupMemberAdded', 'owner:pat'],
      ['GroupMemberAdded', 'owner:pat'],
      ['GroupMemberAdded', 'owner:pat'],
    ]);
    expect(fax.map((e) => e.type)).toEqual(['ServiceRegistered', 'ServiceStageChanged']);
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
