import { CommandPipeline, FixedClock, SequentialIds, type StoredEvent } from '@itil/engine';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import type { EventStore } from '@itil/event-store';
import { autoCloseScheduling } from '../reactors/auto-close.reactor';
import { RuleBookReader } from '../rules/rule-book';
import { runToHead } from '../test-support/run-to-head';
import { uuid, workReferences, workWorld } from '../test-support/work-process';
import { AutoCloseTimers } from './auto-close-timers';

// Monday to Friday, 09:00-17:00 in London (GMT in March before the clocks change).
const OFFICE = { timeZone: 'Europe/London', weeklyHours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])) };
const CLOSE_RULE = { id: 'close-after-2h', kind: 'auto-close', process: 'work', then: { businessMinutes: 120, calendar: OFFICE } };
const FRIDAY_4PM = new Date('2026-03-06T16:00:00Z');
const MONDAY_10AM = new Date('2026-03-09T10:00:00Z'); // 1 business hour on Friday + 1 on Monday

describe('Automation rule auto-close after a business-time delay (real SQLite, fake clock)', () => {
  let tmp: ReturnType<typeof tempSqliteFile>;
  let store: EventStore;
  let w: ReturnType<typeof workWorld>;
  let clock: FixedClock;
  const ID = uuid(1);
  const scheduling = () => autoCloseScheduling({ deciders: [w.decider], rules: new RuleBookReader(store), pipeline: new CommandPipeline(store, new SequentialIds('reader')) });
  const timers = (seed = 'timers') => new AutoCloseTimers({ store, pipeline: new CommandPipeline(store, new SequentialIds(seed)), clock, deciders: [w.decider], references: workReferences });
  const events = (stream: string): Promise<StoredEvent[]> => w.pipeline.read(stream);
  const closes = async () => (await events(`work-${ID}`)).filter((e) => e.type === 'WorkClosed');
  async function resolved(at = FRIDAY_4PM) {
    await w.open(ID, { title: 'VPN drops', service: 'vpn', assignmentGroup: 'network' }, at);
    await w.move(ID, 'ASSIGN', { assignmentGroup: 'network' }, at);
    await w.move(ID, 'RESOLVE', { resolutionNotes: 'Rebooted the concentrator' }, at);
  }
  beforeEach(() => {
    tmp = tempSqliteFile('automation-close-');
    store = tmp.open();
    w = workWorld(store, 'seed');
    clock = new FixedClock(FRIDAY_4PM);
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it('closes a resolved ticket once the rule’s business minutes have passed, as the rule, caused by its timer, caused by the resolution', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    await resolved();
    await runToHead(store, scheduling());
    const t = timers();
    clock.set(new Date(MONDAY_10AM.getTime() - 1));
    expect(await t.tick()).toEqual({ fired: 0, checked: 0 });
    clock.set(MONDAY_10AM);
    expect(await t.tick()).toEqual({ fired: 1, checked: 1 });

    const resolution = (await events(`work-${ID}`)).find((e) => e.type === 'WorkResolved')!;
    const [scheduled] = await events(`auto-close-work-${ID}`);
    expect(scheduled).toMatchObject({ type: 'AutoCloseScheduled', data: { dueAt: MONDAY_10AM.toISOString(), rule: { id: 'close-after-2h', version: 1 } } });
    expect(scheduled.envelope).toMatchObject({ actor: 'rule:close-after-2h@1', causationId: resolution.id });
    const [closed] = await closes();
    expect(closed.data).toMatchObject({ from: 'resolved', to: 'closed', via: 'CLOSE' });
    expect(closed.envelope).toMatchObject({ actor: 'rule:close-after-2h@1', causationId: scheduled.id, occurredAt: MONDAY_10AM.toISOString() });

    // The timer ends as completed once the scheduling reactor sees the close; later ticks do nothing.
    await runToHead(store, scheduling());
    expect((await events(`auto-close-work-${ID}`)).map((e) => [e.type, e.envelope.causationId])).toEqual([['AutoCloseScheduled', resolution.id], ['AutoCloseCompleted', closed.id]]);
    clock.set(new Date('2026-03-20T10:00:00Z'));
    expect(await timers('restarted').tick()).toEqual({ fired: 0, checked: 0 });
    expect(await closes()).toHaveLength(1);
  });

  it('reads a ticket’s stream only for a move into or out of a resolved state, not for every move', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    const reader = new CommandPipeline(store, new SequentialIds('reader'));
    const reads: string[] = [];
    const read = reader.read.bind(reader);
    reader.read = ((stream: string) => (reads.push(stream), read(stream))) as typeof reader.read;
    const counting = autoCloseScheduling({ deciders: [w.decider], rules: new RuleBookReader(store), pipeline: reader });
    await w.open(ID, { title: 'VPN drops', service: 'vpn', assignmentGroup: 'network' }, FRIDAY_4PM);
    await w.move(ID, 'ASSIGN', { assignmentGroup: 'network' }, FRIDAY_4PM);
    await w.move(ID, 'ASSIGN', { assignmentGroup: 'network' }, FRIDAY_4PM);
    await runToHead(store, counting);
    expect(reads).toEqual([]);
    await w.move(ID, 'RESOLVE', { resolutionNotes: 'Rebooted the concentrator' }, FRIDAY_4PM);
    await runToHead(store, counting);
    expect(reads).toEqual([`work-${ID}`]);
    expect((await events(`auto-close-work-${ID}`)).map((e) => e.type)).toEqual(['AutoCloseScheduled']);
  });

  it('a reopen before the delay cancels the timer; the next resolution starts a new one', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    await resolved();
    await runToHead(store, scheduling());
    await w.move(ID, 'REOPEN', { reopenReason: 'Still dropping' }, new Date('2026-03-09T09:30:00Z'));
    await runToHead(store, scheduling());
    clock.set(MONDAY_10AM);
    expect(await timers().tick()).toEqual({ fired: 0, checked: 0 });
    const reopen = (await events(`work-${ID}`)).find((e) => e.type === 'WorkReopened')!;
    expect((await events(`auto-close-work-${ID}`)).map((e) => [e.type, e.envelope.causationId])).toEqual([
      ['AutoCloseScheduled', expect.any(String)],
      ['AutoCloseCancelled', reopen.id],
    ]);

    await w.move(ID, 'RESOLVE', { resolutionNotes: 'Replaced the cable' }, MONDAY_10AM);
    await runToHead(store, scheduling());
    clock.set(new Date('2026-03-09T12:00:00Z'));
    expect(await timers().tick()).toEqual({ fired: 1, checked: 1 });
    expect(await closes()).toHaveLength(1);
  });

  it('never closes on an old resolution: reopened and resolved again before the timer was even cancelled', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    await resolved();
    await runToHead(store, scheduling()); // timer of the first resolution: due Monday 10:00
    await w.move(ID, 'REOPEN', { reopenReason: 'Still dropping' }, new Date('2026-03-09T09:10:00Z'));
    await w.move(ID, 'RESOLVE', { resolutionNotes: 'Replaced the cable' }, new Date('2026-03-09T09:50:00Z'));
    clock.set(MONDAY_10AM); // the scheduling reactor is behind: the first timer is still pending
    expect(await timers().tick()).toMatchObject({ fired: 0 });
    expect(await closes()).toHaveLength(0);
  });

  it('a new rule version applies to resolutions after it; a timer already running keeps its version', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    await resolved();
    await w.publish({ ...CLOSE_RULE, then: { businessMinutes: 30, calendar: OFFICE } }, 1, FRIDAY_4PM);
    await w.open(uuid(2), { title: 'Mail slow', service: 'email', assignmentGroup: 'desk' }, FRIDAY_4PM);
    await w.move(uuid(2), 'ASSIGN', { assignmentGroup: 'desk' }, FRIDAY_4PM);
    await w.move(uuid(2), 'RESOLVE', { resolutionNotes: 'Quota raised' }, FRIDAY_4PM);
    await runToHead(store, scheduling());
    const due = (n: number) => events(`auto-close-work-${uuid(n)}`).then(([e]) => [e.envelope.actor, (e.data as { dueAt: string }).dueAt]);
    expect(await due(1)).toEqual(['rule:close-after-2h@1', MONDAY_10AM.toISOString()]);
    expect(await due(2)).toEqual(['rule:close-after-2h@2', '2026-03-06T16:30:00.000Z']);
  });

  it('two schedulers firing the same timer at once close the ticket once', async () => {
    await w.publish(CLOSE_RULE, 0, FRIDAY_4PM);
    await resolved();
    await runToHead(store, scheduling());
    clock.set(MONDAY_10AM);
    const results = await Promise.all([timers('a').tick(), timers('b').tick()]);
    expect(results.map((r) => r.fired).sort()).toEqual([0, 1]);
    expect(await closes()).toHaveLength(1);
  });
});
