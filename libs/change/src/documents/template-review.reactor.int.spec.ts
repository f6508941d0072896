import { SqliteEventStore } from '@itil/event-store';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { systemClock } from '@itil/engine';
import { ChangeDataCatalog } from '../process/change-data';
import { changeProcessWorld } from '../test-support/change-process-world';
import { ChangeDataAdmin } from './change-data-admin';
import { templateReviewOnFailure } from './template-review.reactor';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const WINDOW = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };

describe('A failed standard change sends its template version back for review (libs/reactors, real SQLite)', () => {
  let store: SqliteEventStore;
  let w: Awaited<ReturnType<typeof changeProcessWorld>>;
  let admin: ChangeDataAdmin;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile() });
    w = await changeProcessWorld(store);
    admin = new ChangeDataAdmin({ store, pipeline: w.pipeline, clock: systemClock, catalog: new ChangeDataCatalog() });
    await admin.seedDefaults();
  });
  afterEach(async () => store.close());

  async function standardChange(changeId: string, ending: [string, Record<string, unknown>][]) {
    await w.send(w.change, changeId, 'OpenTicket', { lifecycle: 'change-standard', input: { templateId: 'patch-linux', ...WINDOW } });
    await w.send(w.change, changeId, 'MoveTicket', { event: 'AUTHORISE_BY_TEMPLATE', input: {} }, 'template:patch-linux@1');
    await w.send(w.change, changeId, 'MoveTicket', { event: 'START_IMPLEMENTATION', input: { implementer: 'raj' } });
    for (const [event, input] of ending) await w.send(w.change, changeId, 'MoveTicket', { event, input });
  }

  it('marks the version it was raised from, once, and a successful one marks nothing', async () => {
    const reviews = async () => (await store.readStream('changedata-template-patch-linux')).filter((e) => e.type === 'ChangeTemplateMarkedUnderReview');
    await standardChange(id(1), [['COMPLETE', {}]]);
    await w.runToHead(templateReviewOnFailure(w.change));
    expect(await reviews()).toEqual([]);

    await standardChange(id(2), [['FAIL', { failureNotes: 'kernel panic on reboot' }]]);
    await standardChange(id(3), [['BACK_OUT', { reason: 'services did not start' }], ['BACKOUT_COMPLETE', {}]]);
    // The back-out finds the version already under review: one fact for two failures.
    expect((await w.runToHead(templateReviewOnFailure(w.change))).outcomes.refused).toBe(0);
    const stream = await store.readStream('changedata-template-patch-linux');
    expect(stream.map((e) => [e.type, (e.metadata as { actor: string }).actor])).toEqual([
      ['ChangeTemplateVersionPublished', 'system:change-data-seed'],
      ['ChangeTemplateMarkedUnderReview', 'policy:template-review-on-failure'],
    ]);
    expect(stream[1].data).toMatchObject({ version: 1, changeId: id(2), reason: 'kernel panic on reboot' });
    expect((await admin.refresh()).latest('template', 'patch-linux')?.underReview).toBe(true);
    await w.runToHead({ ...templateReviewOnFailure(w.change), name: 'template-review-second' });
    expect(await reviews()).toHaveLength(1);
  });
});
