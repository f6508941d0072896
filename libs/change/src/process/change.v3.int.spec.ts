import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { createTicketDecider, PolicyRefusedError, TicketInputInvalidError, TicketInputNotAllowedError, type TicketDecider } from '@itil/tickets';
import { LifecycleCatalog, TransitionNotAllowedError } from '@itil/workflow';
import { changeDriver } from '../test-support/change-driver';
import { seedChangeWorld } from '../test-support/change-world';
import { defaultChangeData } from './change-data';
import { ChangeScheduleIndex } from './change-schedule';
import { changeGuards } from './change.guards';
import { changeProcess } from './change.process';
import { TEMPLATE_REVIEW_FACTS, templateReviewRequestOf } from './template-review';

const file = (name: string, v: number) => JSON.parse(readFileSync(join(__dirname, `../../../../state-machines/versions/${name}/${v}.json`), 'utf8'));
const NOW = new Date('2026-03-02T09:00:00Z');
const WINDOW = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
const LOW = { outage: 'no', tested: 'yes', users: 'few' }; // a change manager (mo) authorises
const MEDIUM = { outage: 'yes', tested: 'yes', users: 'few' }; // 2 of the CAB
const codes = (e: unknown) => (e as PolicyRefusedError).errors.map((x) => [x.path, x.code]);
const fieldsOf = (e: { data: unknown }) => (e.data as { fields: Record<string, unknown> }).fields;

describe('Change lifecycles version 3: re-authorisation, rework, tasks, outcomes, emergency retrospective authorisation, template review', () => {
  let store: SqliteEventStore;
  let references: EventSourcedReferences;
  let decider: TicketDecider;
  let schedule: ChangeScheduleIndex;
  let actor = 'user:olga';
  let n = 0;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile(), now: () => NOW });
    const index = new ReferenceIndex(store);
    await index.start();
    await seedChangeWorld(new ReferenceDataService(new CommandPipeline(store, new SequentialIds('change')), index));
    references = new EventSourcedReferences(index, async () => undefined);
    schedule = new ChangeScheduleIndex();
    const configs = ['change-normal', 'change-standard', 'change-emergency'].map((name) => file(name, 3));
    decider = createTicketDecider(changeProcess(defaultChangeData(), schedule), LifecycleCatalog.fromConfigs(configs, changeGuards));
  });
  afterEach(async () => store.close());

  function change(id = `c${++n}`) {
    const d = changeDriver(decider, references, schedule, id, () => actor, NOW);
    return { ...d, as: (who: string) => void (actor = `user:${who}`) };
  }
  type Change = ReturnType<typeof change>;
  const vote = (c: Change, who: string, event = 'APPROVE', reason = 'ok') => (c.as(who), c.move(event, { approver: who, reason }));

  async function toCab(c: Change, answers: Record<string, string>) {
    actor = 'user:olga';
    await c.open({ title: 'Upgrade the relay', changeOwner: 'olga', service: 'email', configurationItems: ['mail-01'] });
    await c.move('SUBMIT', { implementationPlan: 'drain, upgrade', backoutPlan: 'restore snapshot', ...WINDOW });
    await c.move('ASSESS', { riskAnswers: answers, impactAnalysis: 'Mail delayed' });
  }
  async function implementing(c: Change) {
    await toCab(c, LOW);
    await vote(c, 'mo');
    c.as('olga');
    await c.move('START_IMPLEMENTATION', { implementer: 'raj' });
  }

  it('keeps the authorisation when rescheduled inside the authorised window, and sends the change back for authorisation outside it', async () => {
    const c = change();
    await toCab(c, LOW);
    const [authorised] = await vote(c, 'mo');
    expect(fieldsOf(authorised).authorisation).toMatchObject({ window: { start: WINDOW.plannedStart, end: WINDOW.plannedEnd }, retrospective: false });
    c.as('olga');
    const [inside] = await c.move('RESCHEDULE', { plannedStart: '2026-03-10T22:15:00Z', plannedEnd: '2026-03-10T22:45:00Z' });
    expect([inside.type, c.state().state]).toEqual(['ChangeRescheduled', 'scheduled']);

    const [outside] = await c.move('RESCHEDULE', { plannedStart: '2026-03-11T22:00:00Z', plannedEnd: '2026-03-11T23:00:00Z' });
    expect([outside.type, c.state().state]).toEqual(['ChangeReauthorisationRequired', 'cabReview']);
    expect(c.state().fields).toMatchObject({ authorisation: null, approvals: [], approvalPlan: { level: 'low', requirements: [{ group: 'change-managers', quorum: 1 }] } });
    await expect(c.move('START_IMPLEMENTATION', { implementer: 'raj' })).rejects.toThrow(TransitionNotAllowedError);
    await vote(c, 'mo'); // mo decided before: that vote was for the old window and no longer counts
    expect(c.state()).toMatchObject({ state: 'scheduled', fields: { authorisation: { window: { start: '2026-03-11T22:00:00Z', end: '2026-03-11T23:00:00Z' } } } });
  });

  it('lets an approver send the change back for rework; resubmitted, it is assessed and authorised from scratch', async () => {
    const c = change();
    await toCab(c, MEDIUM);
    await vote(c, 'ana');
    await expect(vote(c, 'raj', 'REQUEST_REWORK', 'redo')).rejects.toThrow(/none of the approving groups/);
    c.as('ben');
    await expect(c.move('REQUEST_REWORK', { approver: 'cat', reason: 'for cat' })).rejects.toThrow(/cannot decide as cat/);
    const [returned] = await vote(c, 'ben', 'REQUEST_REWORK', 'Backout plan untested');
    expect([returned.type, c.state().state, c.state().fields.reworkReason]).toEqual(['ChangeReturnedForRework', 'new', 'Backout plan untested']);

    c.as('olga');
    await c.update({ backoutPlan: 'restore snapshot, tested in staging' });
    await c.move('SUBMIT');
    await c.move('ASSESS', { riskAnswers: MEDIUM, impactAnalysis: 'Mail delayed' });
    expect(c.state().fields.approvals).toEqual([]);
    await vote(c, 'ana'); // ana approved the first round: that vote was cleared with the new plan
    await vote(c, 'ben');
    expect(c.state().state).toBe('scheduled');
  });

  it('completes implementation only when every change task is done; tasks are numbered and record who did them', async () => {
    const c = change();
    await toCab(c, LOW);
    await c.move('ADD_TASK', { title: 'Notify the mail users', assignee: 'raj' });
    await vote(c, 'mo');
    c.as('olga');
    await c.move('ADD_TASK', { title: 'Smoke test' });
    await c.move('START_IMPLEMENTATION', { implementer: 'raj' });
    await expect(c.move('COMPLETE')).rejects.toThrow(/hasNoOpenChangeTasks not satisfied/);
    await expect(c.move('COMPLETE_WITH_ISSUES', { issues: 'late' })).rejects.toThrow(/hasNoOpenChangeTasks/);
    const before = c.events.length;
    expect(codes(await c.move('COMPLETE_TASK', { taskId: 't9' }).catch((e: unknown) => e))).toEqual([['$.taskId', 'UNKNOWN_TASK']]);
    const noTitle = await c.move('ADD_TASK', { assignee: 'raj' }).catch((e: unknown) => e); // the last task's title is not reused
    expect([noTitle instanceof TicketInputInvalidError, codes(noTitle)]).toEqual([true, [['$.title', 'REQUIRED']]]);
    expect(c.events.length).toBe(before);

    c.as('raj');
    await c.move('COMPLETE_TASK', { taskId: 't1', notes: 'Mail sent' });
    expect(codes(await c.move('COMPLETE_TASK', { taskId: 't1' }).catch((e: unknown) => e))).toEqual([['$.taskId', 'TASK_ALREADY_DONE']]);
    await c.move('COMPLETE_TASK', { taskId: 't2' });
    await c.move('COMPLETE');
    expect(c.state().fields.tasks).toEqual([
      { id: 't1', title: 'Notify the mail users', assignee: 'raj', status: 'done', addedBy: 'user:olga', addedAt: NOW.toISOString(), doneBy: 'user:raj', doneAt: NOW.toISOString(), notes: 'Mail sent' },
      { id: 't2', title: 'Smoke test', assignee: null, status: 'done', addedBy: 'user:olga', addedAt: NOW.toISOString(), doneBy: 'user:raj', doneAt: NOW.toISOString(), notes: null },
    ]);
    expect(c.state()).toMatchObject({ state: 'review', fields: { outcome: 'successful' } });
  });

  it('records an outcome successful with issues, pinned, with the issues', async () => {
    const c = change();
    await implementing(c);
    await expect(c.move('COMPLETE_WITH_ISSUES', { issues: 'late', outcome: 'successful' })).rejects.toThrow(TicketInputNotAllowedError);
    await expect(c.move('COMPLETE_WITH_ISSUES')).rejects.toThrow(/would lack implementationIssues/);
    const [done] = await c.move('COMPLETE_WITH_ISSUES', { issues: 'Queue drained 20 minutes late' });
    expect([done.type, c.state().fields.outcome, c.state().fields.implementationIssues]).toEqual(['ChangeImplementedWithIssues', 'successfulWithIssues', 'Queue drained 20 minutes late']);
  });

  it('has a backout-failed path: the outcome is backoutFailed, with what failed', async () => {
    const c = change();
    await implementing(c);
    await c.move('BACK_OUT', { reason: 'Queue grew' });
    await expect(c.move('BACKOUT_FAILED')).rejects.toThrow(/would lack backoutFailureNotes/);
    const [failed] = await c.move('BACKOUT_FAILED', { notes: 'Snapshot restore failed' });
    expect([failed.type, c.state().state, c.state().fields.outcome]).toEqual(['ChangeBackoutFailed', 'review', 'backoutFailed']);
    await c.move('CLOSE', { reviewNotes: 'Major incident raised' });
    expect(c.state()).toMatchObject({ state: 'closed', fields: { outcome: 'backoutFailed', backoutFailureNotes: 'Snapshot restore failed' } });
  });

  describe('emergency', () => {
    const submitted = async (c: Change, plan: Record<string, unknown> = { backoutPlan: 'restore snapshot' }) => {
      actor = 'user:olga';
      await c.open({ title: 'Patch the exploited relay', changeOwner: 'olga', service: 'email' }, 'change-emergency');
      await c.move('SUBMIT', { implementationPlan: 'patch', justification: 'CVE-2026-1234 exploited', ...WINDOW, ...plan });
    };

    it('may be cancelled while the ECAB reviews it', async () => {
      const c = change();
      await submitted(c);
      const [cancelled] = await c.move('CANCEL', { reason: 'Vendor hotfix applied instead' });
      expect([cancelled.type, c.state().state]).toEqual(['ChangeCancelled', 'cancelled']);
    });

    it('starts before authorisation only with a backout plan and a reason, closes only once authorised retrospectively', async () => {
      const c = change();
      await submitted(c, {});
      await expect(c.move('START_IMPLEMENTATION', { implementer: 'raj', expeditedReason: 'No time for the ECAB' })).rejects.toThrow(/would lack backoutPlan/);
      await c.update({ backoutPlan: 'restore snapshot' });
      await expect(c.move('START_IMPLEMENTATION', { implementer: 'raj' })).rejects.toThrow(/would lack expeditedReason/);
      const [started] = await c.move('START_IMPLEMENTATION', { implementer: 'raj', expeditedReason: 'No time for the ECAB' });
      expect([started.type, c.state().state]).toEqual(['ChangeImplementationStartedBeforeAuthorisation', 'implementing']);
      await c.move('COMPLETE');
      await expect(c.move('CLOSE', { reviewNotes: 'Patched' })).rejects.toThrow(/hasAuthorityDecision not satisfied/);
      const [authorised] = await vote(c, 'eve');
      expect([authorised.type, c.state().state]).toEqual(['ChangeAuthorisedRetrospectively', 'review']);
      expect(c.state().fields.authorisation).toMatchObject({ rule: { id: 'emergency', version: 1 }, retrospective: true });
      c.as('olga');
      await c.move('CLOSE', { reviewNotes: 'Patched' });
      expect(c.state()).toMatchObject({ state: 'closed', fields: { outcome: 'successful' } });
    });

    it('a retrospective rejection is recorded and lets the review close; no vote is taken once the authority decided', async () => {
      const c = change();
      await submitted(c);
      await c.move('START_IMPLEMENTATION', { implementer: 'raj', expeditedReason: 'No time' });
      await c.move('FAIL', { failureNotes: 'Patch did not apply' });
      const [rejected] = await vote(c, 'eve', 'REJECT', 'Should have waited for the vendor');
      expect([rejected.type, c.state().fields.rejectionReason]).toEqual(['ChangeRejectedRetrospectively', 'Should have waited for the vendor']);
      expect(codes(await vote(c, 'eve').catch((e: unknown) => e))).toEqual([['$.approver', 'CHANGE.AUTHORITY_DECIDED']]);
      c.as('olga');
      await c.move('CLOSE', { reviewNotes: 'Lessons learnt' });

      const authorisedFirst = change();
      await submitted(authorisedFirst);
      await vote(authorisedFirst, 'eve');
      authorisedFirst.as('olga');
      await authorisedFirst.move('START_IMPLEMENTATION', { implementer: 'raj' });
      await authorisedFirst.move('COMPLETE');
      expect(codes(await vote(authorisedFirst, 'eve').catch((e: unknown) => e))).toEqual([['$.approver', 'CHANGE.AUTHORITY_DECIDED']]);
    });

    it('goes back to the ECAB when rescheduled outside its authorised window', async () => {
      const c = change();
      await submitted(c);
      await vote(c, 'eve');
      c.as('olga');
      await c.move('RESCHEDULE', { plannedStart: '2026-03-12T22:00:00Z', plannedEnd: '2026-03-12T23:00:00Z' });
      expect(c.state()).toMatchObject({ state: 'ecabReview', fields: { authorisation: null, approvals: [] } });
    });
  });

  describe('standard', () => {
    async function standard(c: Change) {
      await c.open({ templateId: 'patch-linux', configurationItems: ['mail-02'], ...WINDOW }, 'change-standard');
      await c.move('AUTHORISE_BY_TEMPLATE', {}, 'template:patch-linux@1');
      await c.move('START_IMPLEMENTATION', { implementer: 'raj' }, 'user:raj');
    }

    it('a failed standard change requests a review of its template on the fact that records the failure', async () => {
      const c = change();
      await standard(c);
      const [failed] = await c.move('FAIL', { failureNotes: 'Kernel panic after patching' });
      expect(failed.type).toBe('ChangeFailed');
      expect(fieldsOf(failed).templateReviewRequested).toEqual({ template: { id: 'patch-linux', version: 1 }, outcome: 'failed', reason: 'Kernel panic after patching', requestedAt: NOW.toISOString() });
      // What the template store's reactor reads from the fact.
      expect(TEMPLATE_REVIEW_FACTS).toContain(failed.type);
      expect(templateReviewRequestOf(failed.data)).toEqual({ changeId: c.id, template: { id: 'patch-linux', version: 1 }, outcome: 'failed', reason: 'Kernel panic after patching', requestedAt: NOW.toISOString() });
    });

    it('so does a backed-out or backout-failed one, and a successful one does not', async () => {
      const backedOut = change();
      await standard(backedOut);
      await backedOut.move('BACK_OUT', { reason: 'Service slow' });
      const [out] = await backedOut.move('BACKOUT_COMPLETE');
      expect(fieldsOf(out).templateReviewRequested).toMatchObject({ outcome: 'backedOut', reason: 'Service slow' });

      const ok = change();
      await standard(ok);
      const [done] = await ok.move('COMPLETE_WITH_ISSUES', { issues: 'one host rebooted twice' });
      expect(fieldsOf(done).templateReviewRequested).toBeUndefined();
      expect(templateReviewRequestOf(done.data)).toBeNull();
    });
  });
});
