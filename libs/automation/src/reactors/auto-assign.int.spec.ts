import { CommandPipeline, SequentialIds, systemClock, type StoredEvent } from '@itil/engine';
import { ReactorRunner } from '@itil/reactors';
import { tempSqliteFile } from '@itil/engine/testing/temp-store';
import type { EventStore } from '@itil/event-store';
import { RuleBookReader } from '../rules/rule-book';
import { runToHead } from '../test-support/run-to-head';
import { uuid, workReferences, workWorld } from '../test-support/work-process';
import { autoAssign } from './auto-assign.reactor';

const AT = new Date('2026-03-02T09:00:00Z');
const VPN_RULE = { id: 'vpn-network', kind: 'auto-assign', process: 'work', order: 10, when: { service: 'vpn' }, then: { assignmentGroup: 'network', assignee: 'raj' } };

describe('Automation rule auto-assign (libs/reactors, real SQLite)', () => {
  let tmp: ReturnType<typeof tempSqliteFile>;
  let store: EventStore;
  let w: ReturnType<typeof workWorld>;
  const reactor = () => autoAssign({ deciders: [w.decider], references: workReferences, rules: new RuleBookReader(store) });
  const assignments = async (n: number): Promise<StoredEvent[]> => (await w.pipeline.read(`work-${uuid(n)}`)).filter((e) => e.type === 'WorkAssigned');
  beforeEach(() => {
    tmp = tempSqliteFile('automation-assign-');
    store = tmp.open();
    w = workWorld(store, 'seed');
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it('assigns a new ticket of the rule’s service, as the rule version, with causation its opening', async () => {
    await w.publish(VPN_RULE, 0, AT);
    await w.open(uuid(1), { title: 'VPN drops', service: 'vpn' }, AT);
    await runToHead(store, reactor());
    const [opened] = await w.pipeline.read(`work-${uuid(1)}`);
    const [assigned] = await assignments(1);
    expect(assigned.data).toMatchObject({ from: 'new', to: 'assigned', via: 'ASSIGN', fields: { assignmentGroup: 'network', assignee: 'raj' } });
    expect(assigned.envelope).toMatchObject({ actor: 'rule:vpn-network@1', causationId: opened.id });
  });

  it('leaves alone a ticket logged with a group, and one no rule matches', async () => {
    await w.publish(VPN_RULE, 0, AT);
    await w.open(uuid(1), { title: 'VPN drops', service: 'vpn', assignmentGroup: 'desk' }, AT);
    await w.open(uuid(2), { title: 'Mail slow', service: 'email' }, AT);
    const runner = await runToHead(store, reactor());
    expect([...(await assignments(1)), ...(await assignments(2))]).toEqual([]);
    expect(runner.status().outcomes).toEqual({ written: 0, 'already-done': 0, refused: 0 });
  });

  it('a new rule version applies to tickets opened after it; tickets before keep what the old version did', async () => {
    await w.publish(VPN_RULE, 0, AT);
    await w.open(uuid(1), { title: 'VPN drops', service: 'vpn' }, AT);
    await w.publish({ ...VPN_RULE, then: { assignmentGroup: 'network', assignee: 'ana' } }, 1, AT);
    await w.open(uuid(2), { title: 'VPN slow', service: 'vpn' }, AT);
    // One run after both versions were published: each ticket still gets the version it was opened under.
    await runToHead(store, reactor());
    expect((await assignments(1)).map((e) => [e.envelope.actor, (e.data as { fields: { assignee: string } }).fields.assignee])).toEqual([['rule:vpn-network@1', 'raj']]);
    expect((await assignments(2)).map((e) => [e.envelope.actor, (e.data as { fields: { assignee: string } }).fields.assignee])).toEqual([['rule:vpn-network@2', 'ana']]);
  });

  it('a running runner learns a rule published while it runs, and applies it to the tickets opened after it', async () => {
    const runner = new ReactorRunner(store, new CommandPipeline(store, new SequentialIds('live')), systemClock, reactor(), { backoff: () => 0 });
    const running = runner.run();
    await runner.handled(await w.open(uuid(1), { title: 'VPN drops', service: 'vpn' }, AT)); // no rule yet
    await w.publish(VPN_RULE, 0, AT);
    await runner.handled(await w.open(uuid(2), { title: 'VPN slow', service: 'vpn' }, AT));
    await runner.stop();
    await running;
    expect(await assignments(1)).toEqual([]);
    expect((await assignments(2)).map((e) => e.envelope.actor)).toEqual(['rule:vpn-network@1']);
  });

  it('a rule switched off in a later version assigns nothing from then on', async () => {
    await w.publish(VPN_RULE, 0, AT);
    await w.publish({ ...VPN_RULE, enabled: false }, 1, AT);
    await w.open(uuid(1), { title: 'VPN drops', service: 'vpn' }, AT);
    await runToHead(store, reactor());
    expect(await assignments(1)).toEqual([]);
  });

  it('a second run with its checkpoint lost acts on nothing twice', async () => {
    await w.publish(VPN_RULE, 0, AT);
    for (let i = 1; i <= 5; i++) await w.open(uuid(i), { title: `VPN ${i}`, service: 'vpn' }, AT);
    await runToHead(store, reactor());
    await store.deleteStream('reactor-automation-auto-assign');
    await runToHead(store, reactor());
    for (let i = 1; i <= 5; i++) expect(await assignments(i)).toHaveLength(1);
  });
});
