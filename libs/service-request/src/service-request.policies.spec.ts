import { emptySnapshot, initialTicket, PolicyRefusedError, ReferencesNeeded, type CatalogItemRecord, type PolicyInput, type ReferenceSnapshot, type Ticket } from '@itil/tickets';
import { serviceRequestFields } from './service-request.fields';
import { approverRule, catalogRequest, fulfilmentTasks } from './service-request.policies';

const NOW = new Date('2026-03-02T09:00:00Z');
const laptop: CatalogItemRecord = {
  id: 'laptop',
  name: 'New laptop',
  service: 'workplace',
  active: true,
  serviceStage: 'live',
  formVersion: 2,
  approvers: ['olga'],
  tasks: ['order', 'deliver'],
  fulfilmentGroup: 'workplace',
  form: [
    { name: 'model', label: 'Model', required: true, type: { kind: 'enum', values: ['13-inch', '15-inch'] } },
    { name: 'replaces', label: 'Replaces', type: { kind: 'ref', to: 'ci' } },
  ],
};
const snapshot = (item: CatalogItemRecord, extra: (s: ReferenceSnapshot) => void = () => undefined): ReferenceSnapshot => {
  const s = emptySnapshot();
  s['catalog-item'][item.id] = item;
  s.asked.push(`catalog-item:${item.id}`);
  extra(s);
  return s;
};
const opening = (setting: Ticket['fields'], references: ReferenceSnapshot): PolicyInput => ({
  command: { type: 'OpenTicket', data: { ticketId: 'r1', input: {} }, metadata: { now: NOW, actor: 'user:ana' } },
  before: initialTicket(),
  to: 'submitted',
  via: null,
  setting,
  after: setting,
  dictionary: serviceRequestFields,
  references,
  categoryOf: () => 'new',
});
const request = (fields: Ticket['fields']): Ticket => ({ ...initialTicket(), exists: true, id: 'r1', process: 'service-request', state: 'inFulfilment', fields });
const moving = (before: Ticket, via: string, setting: Ticket['fields']): PolicyInput => ({ ...opening(setting, emptySnapshot()), before, via, to: before.state, after: { ...before.fields, ...setting } });

describe('Service request policies: raising a request against the catalog', () => {
  it("records what the item decides: approvers by its rule, tasks, fulfilment group, form version and title", () =>
    expect(catalogRequest.derive!(opening({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch' } }, snapshot(laptop)))).toEqual({
      formVersion: 2,
      approvalRequired: true,
      approvers: ['olga'],
      tasks: ['order', 'deliver'],
      tasksDone: [],
      openTasks: 2,
      assignmentGroup: 'workplace',
      title: 'New laptop',
    }));

  it('derives nothing before the item is resolved (the engine asks for it first)', () =>
    expect(catalogRequest.derive!(opening({ catalogItem: 'laptop' }, emptySnapshot()))).toBeUndefined());

  it('refuses an item whose service is retired, or still in the pipeline', () => {
    for (const stage of ['retired', 'pipeline'] as const) {
      expect(() => catalogRequest.check!(opening({ catalogItem: 'laptop', form: { model: '13-inch' } }, snapshot({ ...laptop, serviceStage: stage })))).toThrow(
        new RegExp(`which is ${stage}: only live services take requests`),
      );
    }
  });

  it('refuses form values that do not match the item form, each at its JSON path', () => {
    let error: PolicyRefusedError | undefined;
    try {
      catalogRequest.check!(opening({ catalogItem: 'laptop', form: { model: 'tablet', colour: 'red' } }, snapshot(laptop)));
    } catch (e) {
      error = e as PolicyRefusedError;
    }
    expect(error?.errors.map((e) => e.path)).toEqual(['$.form.colour', '$.form.model']);
  });

  it('asks for the references inside the form, then refuses an unknown one', () => {
    expect(() => catalogRequest.check!(opening({ catalogItem: 'laptop', form: { model: '13-inch', replaces: 'laptop-99' } }, snapshot(laptop)))).toThrow(ReferencesNeeded);
    const answered = snapshot(laptop, (s) => s.asked.push('ci:laptop-99'));
    expect(() => catalogRequest.check!(opening({ catalogItem: 'laptop', form: { model: '13-inch', replaces: 'laptop-99' } }, answered))).toThrow(/\$\.form\.replaces: no ci 'laptop-99' exists/);
  });
});

describe('Service request policies: approval and fulfilment', () => {
  it('lets only an approver by the item rule approve', () => {
    const waiting = { ...request({ approvers: ['olga'] }), state: 'awaitingApproval' };
    expect(() => approverRule.check!(moving(waiting, 'APPROVE', { approver: 'ana' }))).toThrow(PolicyRefusedError);
    expect(() => approverRule.check!(moving(waiting, 'APPROVE', { approver: 'olga' }))).not.toThrow();
  });

  it('counts down the open tasks as each is completed, and refuses unknown or repeated tasks', () => {
    const r = request({ tasks: ['order', 'deliver'], tasksDone: ['order'], openTasks: 1 });
    expect(fulfilmentTasks.derive!(moving(r, 'COMPLETE_TASK', { completedTask: 'deliver' }))).toEqual({ tasksDone: ['order', 'deliver'], openTasks: 0 });
    expect(() => fulfilmentTasks.check!(moving(r, 'COMPLETE_TASK', { completedTask: 'order' }))).toThrow(/already done/);
    expect(() => fulfilmentTasks.check!(moving(r, 'COMPLETE_TASK', { completedTask: 'paint' }))).toThrow(/not a task of this request/);
  });
});
