import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { createTicketDecider, PolicyRefusedError, TicketInputInvalidError, type TicketDecider } from '@itil/tickets';
import { LifecycleCatalog, TransitionNotAllowedError } from '@itil/workflow';
import { changeDriver } from '../test-support/change-driver';
import { seedChangeWorld } from '../test-support/change-world';
import { defaultChangeData, type ChangeDataCatalog } from './change-data';
import { ChangeScheduleIndex } from './change-schedule';
import { changeGuards } from './change.guards';
import { changeProcess } from './change.process';

const file = (name: string) => JSON.parse(readFileSync(join(__dirname, `../../../../state-machines/versions/${name}/2.json`), 'utf8'));
const NOW = new Date('2026-03-02T09:00:00Z');
const WINDOW = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
const MEDIUM = { outage: 'yes', tested: 'yes', users: 'few' }; // score 3: medium, 2 of the CAB
const HIGH = { outage: 'yes', tested: 'no', users: 'many' }; // score 7: high, 3 of the CAB and the service owner
const LOW = { outage: 'no', tested: 'yes', users: 'few' };

describe('Change on the ticket engine: risk, authority with quorum, freeze windows, collisions, templates (real SQLite reference data)', () => {
  let store: SqliteEventStore;
  let references: EventSourcedReferences;
  let decider: TicketDecider;
  let data: ChangeDataCatalog;
  let schedule: ChangeScheduleIndex;
  let actor = 'user:olga';
  let n = 0;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile(), now: () => NOW });
    const index = new ReferenceIndex(store);
    await index.start();
    await seedChangeWorld(new ReferenceDataService(new CommandPipeline(store, new SequentialIds('change')), index));
    references = new EventSourcedReferences(index, async () => undefined);
    data = defaultChangeData();
    schedule = new ChangeScheduleIndex();
    decider = createTicketDecider(changeProcess(data, schedule), LifecycleCatalog.fromConfigs([file('change-normal'), file('change-standard'), file('change-emergency')], changeGuards));
  });
  afterEach(async () => store.close());

  function change(id = `c${++n}`) {
    const d = changeDriver(decider, references, schedule, id, () => actor, NOW);
    return { ...d, as: (who: string) => void (actor = `user:${who}`) };
  }

  async function toCab(c: ReturnType<typeof change>, answers: Record<string, string>, extra: Record<string, unknown> = {}) {
    actor = 'user:olga';
    await c.open({ title: 'Upgrade the relay', changeOwner: 'olga', service: 'email', configurationItems: ['mail-01'], ...extra });
    await c.move('SUBMIT', { implementationPlan: 'drain, upgrade', backoutPlan: 'restore snapshot', ...WINDOW });
    await c.move('ASSESS', { riskAnswers: answers, impactAnalysis: 'Mail delayed' });
  }
  const vote = (c: ReturnType<typeof change>, who: string, event = 'APPROVE', reason = 'ok') => (c.as(who), c.move(event, { approver: who, reason }));

  it('records the answers, the questionnaire version, the score and the level, and convenes the rule for that level', async () => {
    const c = change();
    await toCab(c, MEDIUM);
    expect(c.state().fields).toMatchObject({
      riskAnswers: MEDIUM,
      risk: { questionnaire: { id: 'default', version: 1 }, score: 3, level: 'medium' },
      riskLevel: 'medium',
      approvalPlan: { rule: { id: 'default', version: 1 }, level: 'medium', requirements: [{ group: 'cab', quorum: 2 }], members: { cab: ['ana', 'ben', 'cat', 'olga'] } },
    });
  });

  it('schedules exactly on the vote that meets the quorum, and that fact names the rule version', async () => {
    const c = change();
    await toCab(c, MEDIUM);
    const [first] = await vote(c, 'ana');
    expect([first.type, c.state().state]).toEqual(['ChangeApprovalRecorded', 'cabReview']);
    await expect(c.move('START_IMPLEMENTATION', { implementer: 'raj' })).rejects.toThrow(TransitionNotAllowedError);
    const [second] = await vote(c, 'ben');
    expect(second.type).toBe('ChangeAuthorised');
    expect(c.state().state).toBe('scheduled');
    expect((second.data as { fields: Record<string, unknown> }).fields.authorisation).toMatchObject({ rule: { id: 'default', version: 1 }, level: 'medium', by: 'approvers' });
    expect(c.state().fields.approvals).toEqual([
      { approver: 'ana', decision: 'approve', reason: 'ok', memberOf: ['cab'] },
      { approver: 'ben', decision: 'approve', reason: 'ok', memberOf: ['cab'] },
    ]);
  });

  it('a high-risk change needs three of the CAB and the service owner', async () => {
    const c = change();
    await toCab(c, HIGH);
    for (const who of ['ana', 'ben', 'cat']) await vote(c, who);
    expect(c.state().state).toBe('cabReview');
    await vote(c, 'sam');
    expect(c.state().state).toBe('scheduled');
  });

  it('a low-risk change is authorised by the change manager alone, without the CAB', async () => {
    const c = change();
    await toCab(c, LOW);
    await expect(vote(c, 'ana')).rejects.toThrow(/none of the approving groups/);
    await vote(c, 'mo');
    expect(c.state()).toMatchObject({ state: 'scheduled', fields: { authorisation: { level: 'low' } } });
  });

  it('one rejection rejects; nobody decides twice, approves their own change, or decides for someone else; only approvers decide', async () => {
    const c = change();
    await toCab(c, HIGH);
    await vote(c, 'ana');
    const twice = await vote(c, 'ana').catch((e: unknown) => e);
    expect((twice as PolicyRefusedError).errors).toEqual([expect.objectContaining({ path: '$.approver', code: 'CHANGE.ALREADY_DECIDED' })]);
    await expect(vote(c, 'olga')).rejects.toThrow(/owns or implements/); // olga is on the CAB and owns the change
    await expect(vote(c, 'raj')).rejects.toThrow(/none of the approving groups/);
    c.as('ben');
    await expect(c.move('APPROVE', { approver: 'cat', reason: 'for cat' })).rejects.toThrow(/cannot decide as cat/);
    const before = c.events.length;
    await vote(c, 'cat', 'REJECT', 'No tested backout');
    expect(c.state()).toMatchObject({ state: 'rejected', fields: { rejectionReason: 'No tested backout' } });
    expect(c.events.length).toBe(before + 1);
    await expect(vote(c, 'ben')).rejects.toThrow();
  });

  it('refuses approving a change that is not awaiting approval, and answers missing from the questionnaire, writing nothing', async () => {
    const c = change();
    actor = 'user:olga';
    await c.open({ title: 'x', changeOwner: 'olga', service: 'email' });
    c.as('ana');
    await expect(c.move('APPROVE', { approver: 'ana' })).rejects.toThrow(TransitionNotAllowedError);
    c.as('olga');
    await c.move('SUBMIT', { implementationPlan: 'p', backoutPlan: 'b', ...WINDOW });
    const missing = await c.move('ASSESS', { riskAnswers: { outage: 'yes' }, impactAnalysis: 'x' }).catch((e: unknown) => e);
    expect((missing as PolicyRefusedError).errors.map((e) => [e.path, e.code])).toEqual([
      ['$.riskAnswers.tested', 'MISSING_ANSWER'],
      ['$.riskAnswers.users', 'MISSING_ANSWER'],
    ]);
    expect(c.events.map((e) => e.type)).toEqual(['ChangeRequested', 'ChangeSubmitted']);
  });

  it('refuses a window ending before it starts (400 at $.plannedEnd), writing nothing', async () => {
    const c = change();
    await c.open({ title: 'x' });
    const err = await c.move('SUBMIT', { implementationPlan: 'p', backoutPlan: 'b', plannedStart: '2026-03-10T23:00:00Z', plannedEnd: '2026-03-10T22:00:00Z' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TicketInputInvalidError);
    expect((err as TicketInputInvalidError).errors[0]).toMatchObject({ path: '$.plannedEnd', code: 'WINDOW_ENDS_BEFORE_START' });
    expect(c.events).toHaveLength(1);
  });

  it('a freeze window refuses planning a normal change into it; an emergency change proceeds with a recorded justification', async () => {
    const freeze = { plannedStart: '2026-12-28T22:00:00Z', plannedEnd: '2026-12-28T23:00:00Z' };
    const normal = change();
    await normal.open({ title: 'x', service: 'email' });
    const refused = await normal.move('SUBMIT', { implementationPlan: 'p', backoutPlan: 'b', ...freeze }).catch((e: unknown) => e);
    expect((refused as PolicyRefusedError).errors).toEqual([expect.objectContaining({ code: 'CHANGE.FREEZE_WINDOW' })]);
    expect(normal.events).toHaveLength(1);

    const emergency = change();
    actor = 'user:olga';
    await emergency.open({ title: 'Patch the exploited relay', service: 'email', configurationItems: ['mail-01'] }, 'change-emergency');
    const plan = { implementationPlan: 'p', backoutPlan: 'b', justification: 'CVE-2026-1234 exploited', ...freeze };
    await emergency.move('SUBMIT', plan);
    expect(emergency.state()).toMatchObject({
      state: 'ecabReview',
      fields: { changeType: 'emergency', freezeOverride: { calendar: { id: 'default', version: 1 }, windows: ['year-end'], justification: 'CVE-2026-1234 exploited' } },
    });
    await vote(emergency, 'eve');
    expect(emergency.state()).toMatchObject({ state: 'scheduled', fields: { authorisation: { rule: { id: 'emergency', version: 1 } } } });
  });

  it('reports a collision on a shared CI in an overlapping window, and clears it when the other change moves out', async () => {
    const a = change();
    await toCab(a, MEDIUM);
    await vote(a, 'ana');
    await vote(a, 'ben');
    expect(a.state().fields.collisions).toEqual([]);
    const b = change();
    await toCab(b, MEDIUM, { configurationItems: ['mail-01', 'mail-02'] });
    await vote(b, 'ana');
    await vote(b, 'ben');
    expect(b.state().fields.collisions).toEqual([{ changeId: a.id, configurationItems: ['mail-01'], overlap: { start: '2026-03-10T22:00:00.000Z', end: '2026-03-10T23:00:00.000Z' } }]);
    actor = 'user:olga';
    await b.move('RESCHEDULE', { plannedStart: '2026-03-11T22:00:00Z', plannedEnd: '2026-03-11T23:00:00Z' });
    expect(b.state().fields.collisions).toEqual([]);
  });

  it('a standard change comes from a published template and is authorised by the template as actor only', async () => {
    const c = change();
    await c.open({ templateId: 'patch-linux', configurationItems: ['mail-02'], ...WINDOW }, 'change-standard');
    expect(c.state().fields).toMatchObject({ changeType: 'standard', template: { id: 'patch-linux', version: 1 }, title: 'Monthly Linux security patches', riskLevel: 'low' });
    await expect(c.move('AUTHORISE_BY_TEMPLATE', {}, 'user:mo')).rejects.toThrow(/Only the template/);
    const [authorised] = await c.move('AUTHORISE_BY_TEMPLATE', {}, 'template:patch-linux@1');
    expect([authorised.type, c.state().state]).toEqual(['ChangeAuthorisedByTemplate', 'scheduled']);
    const unknown = await change().open({ templateId: 'no-such' }, 'change-standard').catch((e: unknown) => e);
    expect((unknown as PolicyRefusedError).errors).toEqual([expect.objectContaining({ path: '$.templateId', code: 'UNKNOWN_REFERENCE' })]);
  });

  it('pins the outcome per transition: BACKOUT_COMPLETE records backedOut and refuses any other value', async () => {
    const c = change();
    await toCab(c, LOW);
    await vote(c, 'mo');
    actor = 'user:olga';
    await c.move('START_IMPLEMENTATION', { implementer: 'raj' });
    await c.move('BACK_OUT', { reason: 'Queue grew' });
    await expect(c.move('BACKOUT_COMPLETE', { outcome: 'successful' })).rejects.toThrow();
    await c.move('BACKOUT_COMPLETE');
    await c.move('CLOSE', { reviewNotes: 'Retry with a bigger pool' });
    expect(c.state()).toMatchObject({ state: 'closed', fields: { outcome: 'backedOut' } });
    expect(c.events.map((e) => e.type).slice(-4)).toEqual(['ChangeImplementationStarted', 'ChangeBackoutStarted', 'ChangeBackedOut', 'ChangeClosed']);
  });
});
