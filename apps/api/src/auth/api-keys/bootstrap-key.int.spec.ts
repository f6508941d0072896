import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandPipeline, FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { ApiKeyService } from './api-key.service';
import { BOOTSTRAP_ACTOR, ensureBootstrapKey } from './bootstrap-key';

describe('Bootstrap admin key: the first admin without an identity provider', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bootstrap-key-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.db') });
  const ids = new SequentialIds('bootstrap');
  const keys = new ApiKeyService(store, new CommandPipeline(store, ids), new FixedClock(new Date('2026-03-02T09:00:00Z')), ids);
  afterAll(() => store.close());

  it('issues an admin key once, writes its secret to the file only, and records who issued it', async () => {
    const file = join(dir, 'secrets', 'admin.key');
    const first = await ensureBootstrapKey(file, keys);
    expect(first.issued).toBe(true);
    const secret = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await keys.verify(secret)).toMatchObject({ actor: `apikey:${first.keyId}`, roles: ['admin'] });
    const [issued] = await store.readStream(`apikey-${first.keyId}`);
    expect(issued.metadata.actor).toBe(BOOTSTRAP_ACTOR);

    expect(await ensureBootstrapKey(file, keys)).toEqual({ issued: false });
    expect((await keys.list()).filter((k) => k.issuedBy === BOOTSTRAP_ACTOR)).toHaveLength(1);
  });
});
