import { resolve } from 'node:path';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import { spawnWorker } from '@itil/reactors/test-support/spawn-worker';
import { calendar24x7 } from '@itil/business-time';
import { uuid, workWorld } from './test-support/work-process';

const WORKER = resolve(__dirname, 'test-support/automation-worker.ts');
const TICKETS = 30;
const AT = new Date('2026-03-02T09:00:00Z');
const DUE = '2026-03-02T09:30:00.000Z';
const worker = (args: string[], until: (line: string) => boolean) => spawnWorker(WORKER, args, until);

/** Starts a worker, kills it with SIGKILL once it printed `line`, then runs a second one to the end. */
async function killedAndRestarted(args: string[], line: string): Promise<void> {
  const first = worker(args, (l) => l === line);
  await first.reached;
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();
  const second = worker(args, (l) => l === 'done');
  await second.reached;
  expect(await second.exited).toBe(0);
}

describe('Automation rules: runners killed with SIGKILL part-way and restarted', () => {
  jest.setTimeout(240_000);

  it('each rule acts exactly once per trigger in total: one assignment, one timer and one close per ticket', async () => {
    const tmp = tempSqliteFile('automation-crash-');
    const store = tmp.open();
    const w = workWorld(store, 'seed');
    await w.publish({ id: 'vpn-network', kind: 'auto-assign', process: 'work', when: { service: 'vpn' }, then: { assignmentGroup: 'network', assignee: 'raj' } }, 0, AT);
    await w.publish({ id: 'close-30m', kind: 'auto-close', process: 'work', then: { businessMinutes: 30, calendar: calendar24x7() } }, 0, AT);
    let head = 0n;
    for (let i = 1; i <= TICKETS; i++) head = await w.open(uuid(i), { title: `VPN ${i}`, service: 'vpn' }, AT);
    for (let i = 101; i <= 100 + TICKETS; i++) {
      await w.open(uuid(i), { title: `Mail ${i}`, service: 'email', assignmentGroup: 'desk' }, AT);
      await w.move(uuid(i), 'ASSIGN', { assignmentGroup: 'desk' }, AT);
      head = await w.move(uuid(i), 'RESOLVE', { resolutionNotes: 'Quota raised' }, AT);
    }
    await store.close();

    await killedAndRestarted([tmp.file, 'react', head.toString()], `handled ${TICKETS}`);
    await killedAndRestarted([tmp.file, 'fire', DUE], `fired ${TICKETS / 3}`);

    const check = tmp.open();
    const count = async (stream: string, type: string, actor: string) => (await check.readStream(stream)).filter((e) => e.type === type && (e.metadata as { actor: string }).actor === actor).length;
    const perTicket: Record<string, number[]> = { assigned: [], scheduled: [], closed: [] };
    for (let i = 1; i <= TICKETS; i++) perTicket.assigned.push(await count(`work-${uuid(i)}`, 'WorkAssigned', 'rule:vpn-network@1'));
    for (let i = 101; i <= 100 + TICKETS; i++) {
      perTicket.scheduled.push(await count(`auto-close-work-${uuid(i)}`, 'AutoCloseScheduled', 'rule:close-30m@1'));
      perTicket.closed.push(await count(`work-${uuid(i)}`, 'WorkClosed', 'rule:close-30m@1'));
    }
    await check.close();
    tmp.remove();
    expect(perTicket).toEqual({ assigned: Array(TICKETS).fill(1), scheduled: Array(TICKETS).fill(1), closed: Array(TICKETS).fill(1) });
  });
});
