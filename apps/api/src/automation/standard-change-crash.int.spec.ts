import { resolve } from 'node:path';
import { spawnWorker } from '@itil/reactors/test-support/spawn-worker';
import { SqliteEventStore } from '@itil/event-store';
import { as, createTestApp } from '../test-support/test-app';

const WORKER = resolve(__dirname, 'test-support/standard-change-worker.ts');
const CHANGES = 15;
const window = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };

describe('Automation rule standard-change-approval: its runner killed with SIGKILL part-way and restarted', () => {
  jest.setTimeout(240_000);

  it('authorises every standard change raised from the template exactly once', async () => {
    // Raised through the API with automation off: the rule's runner starts later, in a process of its own.
    const t = await createTestApp({ laterVersions: true });
    const http = () => as(t.app, 'olga');
    await http().post('/automation-rules').send({ rule: { id: 'standard-patching', kind: 'standard-change-approval', process: 'change', when: { template: 'patch-linux' } }, expectedVersion: 0 }).expect(201);
    const ids: string[] = [];
    for (let i = 0; i < CHANGES; i++) ids.push((await http().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', ...window }).expect(201)).body.id);
    const head = (await t.store.headPosition())!;
    await t.close();

    const first = spawnWorker(WORKER, [t.file, head.toString()], (line) => line === `handled ${CHANGES / 3}`);
    await first.reached;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const second = spawnWorker(WORKER, [t.file, head.toString()], (line) => line === 'done');
    await second.reached;
    expect(await second.exited).toBe(0);

    const store = new SqliteEventStore({ file: t.file });
    const authorised: number[] = [];
    for (const id of ids) authorised.push((await store.readStream(`change-${id}`)).filter((e) => e.type === 'ChangeAuthorisedByTemplate' && (e.metadata as { actor: string }).actor === 'template:patch-linux@1').length);
    await store.close();
    expect(authorised).toEqual(Array(CHANGES).fill(1));
  });
});
