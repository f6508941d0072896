import { SqliteEventStore } from '@itil/event-store';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { changeProcessWorld } from '../test-support/change-process-world';
import { changeCollisions, changeFailureVisible, incidentCausedByChange, problemChangeLink, releaseMembership } from './change.reactors';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [A, B, R1, R2, P, I] = [1, 2, 3, 4, 5, 6].map(id);
const WINDOW = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
const LOW = { outage: 'no', tested: 'yes', users: 'few' };

describe('Change policies across processes (libs/reactors, real SQLite)', () => {
  let store: SqliteEventStore;
  let w: Awaited<ReturnType<typeof changeProcessWorld>>;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile() });
    w = await changeProcessWorld(store);
  });
  afterEach(async () => store.close());

  /** A low-risk normal change on mail-01, authorised by the change manager and scheduled. */
  async function scheduled(changeId: string, window = WINDOW) {
    await w.send(w.change, changeId, 'OpenTicket', { input: { title: `change ${changeId}`, changeOwner: 'olga', configurationItems: ['mail-01'] } });
    await w.send(w.change, changeId, 'MoveTicket', { event: 'SUBMIT', input: { implementationPlan: 'p', backoutPlan: 'b', ...window } });
    await w.send(w.change, changeId, 'MoveTicket', { event: 'ASSESS', input: { riskAnswers: LOW, impactAnalysis: 'none' } });
    return w.send(w.change, changeId, 'MoveTicket', { event: 'APPROVE', input: { approver: 'mo' } }, 'user:mo');
  }

  it('records a collision on both changes, and clears it on the other when one is rescheduled away; a second run writes nothing', async () => {
    await scheduled(A);
    const b = await scheduled(B);
    expect(b.state.fields.collisions).toEqual([{ changeId: A, configurationItems: ['mail-01'], overlap: { start: '2026-03-10T22:00:00.000Z', end: '2026-03-10T23:00:00.000Z' } }]);
    await w.runToHead(changeCollisions(w.change, w.references));
    expect((await w.read(w.change, A)).fields.collisions).toEqual([{ changeId: B, configurationItems: ['mail-01'], overlap: { start: '2026-03-10T22:00:00.000Z', end: '2026-03-10T23:00:00.000Z' } }]);

    await w.send(w.change, B, 'MoveTicket', { event: 'RESCHEDULE', input: { plannedStart: '2026-03-11T22:00:00Z', plannedEnd: '2026-03-11T23:00:00Z' } });
    await w.runToHead(changeCollisions(w.change, w.references));
    expect((await w.read(w.change, A)).fields.collisions).toEqual([]);
    const updates = async () => (await store.readStream(`change-${A}`)).filter((e) => e.type === 'ChangeFieldsUpdated');
    expect((await updates()).map((e) => e.metadata)).toEqual([expect.objectContaining({ actor: 'policy:change-collisions' }), expect.objectContaining({ actor: 'policy:change-collisions' })]);
    const again = await w.runToHead({ ...changeCollisions(w.change, w.references), name: 'change-collisions-second' });
    expect(again.outcomes.written).toBe(0);
    expect(await updates()).toHaveLength(2);
  });

  it('refuses a person setting what the policies keep', async () => {
    await scheduled(A);
    await expect(w.send(w.change, A, 'UpdateTicketFields', { input: { collisions: [] } })).rejects.toThrow(/kept by the change policies/);
  });

  it('records on the change an incident marked as caused by it', async () => {
    await scheduled(A);
    await w.send(w.incident, I, 'OpenTicket', { input: { title: 'Mail down', caller: 'caller:bob', impact: 'high', urgency: 'high' } });
    await w.send(w.incident, I, 'LinkTicket', { input: { kind: 'caused-by-change', target: { type: 'ticket', id: A, process: 'change' } } });
    await w.runToHead(incidentCausedByChange(w.change, w.references));
    expect((await w.read(w.change, A)).fields.causedIncidents).toEqual([I]);
  });

  it('a change belongs to one release at a time; closed backed out, it shows on its release and sends its problem back', async () => {
    await scheduled(A);
    await w.send(w.release, R1, 'OpenTicket', { input: { title: 'Mail 9.4', changeIds: [A] } });
    await w.send(w.release, R2, 'OpenTicket', { input: { title: 'Mail 9.5', changeIds: [A] } });
    const membership = await w.runToHead(releaseMembership(w.change, w.references));
    expect(membership.outcomes).toMatchObject({ written: 1, refused: 1 });
    expect((await w.read(w.change, A)).fields.release).toBe(R1);

    await w.send(w.problem, P, 'OpenTicket', { input: { title: 'Relay pool exhausted' } });
    await w.send(w.problem, P, 'LinkTicket', { input: { kind: 'resolved-by-change', target: { type: 'ticket', id: A, process: 'change' } } });
    for (const [event, input] of [['ACCEPT', { problemOwner: 'pat' }], ['IDENTIFY_ROOT_CAUSE', { rootCause: 'pool' }], ['RAISE_CHANGE', {}]] as const) await w.send(w.problem, P, 'MoveTicket', { event, input });
    await w.runToHead(problemChangeLink(w.change, w.references));
    expect((await w.read(w.change, A)).fields.problems).toEqual([P]);

    for (const [event, input] of [['START_IMPLEMENTATION', { implementer: 'raj' }], ['BACK_OUT', { reason: 'queue grew' }], ['BACKOUT_COMPLETE', {}], ['CLOSE', { reviewNotes: 'retry' }]] as const) {
      await w.send(w.change, A, 'MoveTicket', { event, input });
    }
    const failure = await w.runToHead(changeFailureVisible({ change: w.change, release: w.release, problem: w.problem }, w.references));
    expect(failure.outcomes).toMatchObject({ written: 2, refused: 0 });
    expect((await w.read(w.release, R1)).fields.failedChanges).toEqual([A]);
    const problem = await store.readStream(`problem-${P}`);
    expect(problem.at(-1)).toMatchObject({ type: 'ProblemChangeFailed', metadata: expect.objectContaining({ actor: 'policy:change-failure-visible' }) });
  });
});
