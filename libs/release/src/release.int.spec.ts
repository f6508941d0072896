import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { changeGuards, changeProcess, ChangeScheduleIndex, defaultChangeData } from '@itil/change';
import { validateLifecycle } from '@itil/lifecycles';
import { changeDriver } from '@itil/change/test-support/change-driver';
import { seedChangeWorld } from '@itil/change/test-support/change-world';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { createTicketDecider, PolicyRefusedError } from '@itil/tickets';
import { LifecycleCatalog, mergeGuards } from '@itil/workflow';
import { releaseGuards } from './release.guards';
import { releaseProcess } from './release.process';

const machine = (name: string, version = 2) => JSON.parse(readFileSync(join(__dirname, `../../../state-machines/versions/${name}/${version}.json`), 'utf8'));
const NOW = new Date('2026-03-02T09:00:00Z');
const C1 = '11111111-1111-4111-8111-111111111111';
const C2 = '22222222-2222-4222-8222-222222222222';

describe('Release on the ticket engine: bundles changes, cannot deploy while one is not authorised', () => {
  let store: SqliteEventStore | undefined;
  afterEach(async () => store?.close());

  it('is a valid lifecycle with pinned outcomes', () => {
    expect(validateLifecycle(machine('release'), { guards: Object.keys(releaseGuards), actions: [], process: 'release' }).findings).toEqual([]);
  });

  /** Two changes (C1 authorised, C2 awaiting its change manager) and a release bundling them, on release version `version`. */
  async function world(version: number) {
    const db = (store = new SqliteEventStore({ file: tempFile(), now: () => NOW }));
    const index = new ReferenceIndex(db);
    await index.start();
    await seedChangeWorld(new ReferenceDataService(new CommandPipeline(db, new SequentialIds('rel')), index));
    const catalog = LifecycleCatalog.fromConfigs([machine('change-normal'), machine('release', version)], mergeGuards(changeGuards, releaseGuards));
    const schedule = new ChangeScheduleIndex();
    const changes = createTicketDecider(changeProcess(defaultChangeData(), schedule), catalog);
    const base = new EventSourcedReferences(index, async () => undefined);
    let actor = 'user:olga';
    const drivers = new Map([C1, C2].map((id) => [id, changeDriver(changes, base, schedule, id, () => actor, NOW)]));
    // Changes are tickets to the release: resolved from the drivers' states, as the engine resolves them from their streams.
    const references = new EventSourcedReferences(index, async (id) => {
      const d = drivers.get(id);
      return d ? { id, process: 'change', state: d.state().state, category: 'active', fields: d.state().fields } : undefined;
    });
    const release = changeDriver(createTicketDecider(releaseProcess, catalog), references, schedule, 'r1', () => actor, NOW);
    const plan = { implementationPlan: 'p', backoutPlan: 'b', plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
    for (const d of drivers.values()) {
      actor = 'user:olga';
      await d.open({ title: 'part', changeOwner: 'olga' });
      await d.move('SUBMIT', plan);
      await d.move('ASSESS', { riskAnswers: { outage: 'no', tested: 'yes', users: 'few' }, impactAnalysis: 'none' });
    }
    await drivers.get(C1)!.move('APPROVE', { approver: 'mo' }, 'user:mo');
    await release.open({ title: 'Mail 9.4', changeIds: [C1, C2] });
    for (const [event, input] of [['APPROVE_PLAN', {}], ['BUILD_COMPLETE', { buildArtifact: 'mail-9.4.tgz' }], ['TESTS_PASSED', { testReport: 'green' }]] as const) await release.move(event, input);
    return { release, drivers };
  }

  it('refuses DEPLOY until every bundled change is authorised, then deploys, records the window and the pinned outcome', async () => {
    const { release, drivers } = await world(2);
    await expect(release.move('GO', { decidedBy: 'mo' })).rejects.toThrow(/cannot decide as mo/);
    await release.move('GO', { decidedBy: 'mo' }, 'user:mo');
    const window = { deploymentWindowStart: '2026-03-10T22:00:00Z', deploymentWindowEnd: '2026-03-10T23:00:00Z' };
    const refused = await release.move('DEPLOY', window).catch((e: unknown) => e);
    expect((refused as PolicyRefusedError).errors).toEqual([expect.objectContaining({ path: '$.changeIds[1]', code: 'CHANGE_NOT_AUTHORISED' })]);
    expect(release.state().state).toBe('awaitingDeployment');

    await drivers.get(C2)!.move('APPROVE', { approver: 'mo' }, 'user:mo');
    await release.move('DEPLOY', window);
    await expect(release.move('ROLL_BACK', { outcome: 'successful' })).rejects.toThrow();
    await release.move('ROLL_BACK');
    expect(release.state()).toMatchObject({ state: 'review', fields: { outcome: 'rolledBack', ...window } });
  });

  describe('version 3', () => {
    it('is a valid lifecycle', () => {
      expect(validateLifecycle(machine('release', 3), { guards: Object.keys(releaseGuards), actions: [], process: 'release' }).findings).toEqual([]);
    });

    it('a no-go records who decided and why, and sends the release back to testing; each decision names its decider', async () => {
      const { release } = await world(3);
      await expect(release.move('NO_GO', { decidedBy: 'mo' }, 'user:mo')).rejects.toThrow(/would lack noGoReason/);
      await expect(release.move('NO_GO', { decidedBy: 'mo', reason: 'Load test failed' })).rejects.toThrow(/cannot decide as mo/);
      const [noGo] = await release.move('NO_GO', { decidedBy: 'mo', reason: 'Load test failed' }, 'user:mo');
      expect([noGo.type, release.state().state, release.state().fields]).toEqual(['ReleaseNoGo', 'testing', expect.objectContaining({ goDecisionBy: 'mo', noGoReason: 'Load test failed' })]);
      await release.move('TESTS_PASSED', { testReport: 'green at peak' });
      const stale = await release.move('NO_GO', { reason: 'again' }, 'user:sam').catch((e: unknown) => e); // mo's earlier no-go does not decide this one
      expect((stale as PolicyRefusedError).errors).toEqual([expect.objectContaining({ path: '$.decidedBy', code: 'REQUIRED' })]);
      await release.move('GO', { decidedBy: 'sam' }, 'user:sam');
      expect(release.state()).toMatchObject({ state: 'awaitingDeployment', fields: { goDecisionBy: 'sam' } });
    });
  });
});
