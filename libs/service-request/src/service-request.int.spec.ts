import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { cmd, NOW, tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { seedWorld } from '@itil/reference-data/test-support/seed-reference-data';
import { ticketDriver } from '@itil/reference-data/test-support/ticket-driver';
import { createTicketDecider, PolicyRefusedError, TicketInputInvalidError, TicketInputNotAllowedError } from '@itil/tickets';
import { LifecycleCatalog, TransitionNotAllowedError } from '@itil/workflow';
import { serviceRequestGuards } from './service-request.guards';
import { serviceRequestProcess } from './service-request.process';

const v2 = JSON.parse(readFileSync(join(__dirname, '../../../state-machines/versions/service-request/2.json'), 'utf8'));

describe('Service request on the ticket engine, against event-sourced reference data (real SQLite)', () => {
  let store: SqliteEventStore;
  let refs: ReferenceDataService;
  let drive: () => ReturnType<typeof ticketDriver>;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile(), now: () => NOW });
    const index = new ReferenceIndex(store);
    await index.start();
    refs = new ReferenceDataService(new CommandPipeline(store, new SequentialIds('sr')), index);
    await seedWorld(refs);
    const decider = createTicketDecider(serviceRequestProcess, LifecycleCatalog.fromConfigs([v2], serviceRequestGuards));
    drive = () => ticketDriver(decider, new EventSourcedReferences(index), 'r1', () => ({ now: NOW, actor: 'user:ana' }));
  });
  afterEach(async () => store.close());

  it('runs the whole lifecycle: submitted, approval with a question, fulfilment task by task, closed complete', async () => {
    const r = drive();
    await r.open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch', replaces: 'laptop-17' } });
    expect(r.state().fields).toMatchObject({ approvers: ['olga'], approvalRequired: true, tasks: ['order', 'deliver'], openTasks: 2, assignmentGroup: 'workplace', title: 'New laptop', formVersion: 1 });
    await r.move('ROUTE');
    await r.move('REQUEST_INFO', { question: 'Which cost centre pays?' });
    await r.move('PROVIDE_INFO', { answer: 'CC-4410' });
    await expect(r.move('APPROVE', { approver: 'ana' })).rejects.toThrow(PolicyRefusedError);
    await r.move('APPROVE', { approver: 'olga' });
    const outsider = await r.move('ASSIGN', { assignmentGroup: 'workplace', assignee: 'olga' }).catch((e: unknown) => e);
    expect(outsider).toBeInstanceOf(TicketInputNotAllowedError);
    expect((outsider as TicketInputNotAllowedError).errors).toEqual([{ path: '$.assignee', code: 'NOT_A_MEMBER', message: "'olga' is not a member of group 'workplace'" }]);
    await r.move('ASSIGN', { assignmentGroup: 'workplace', assignee: 'ana' });
    await r.move('COMPLETE_TASK', { task: 'order' });
    await expect(r.move('FULFIL', { fulfilmentNotes: 'Delivered' })).rejects.toThrow(TransitionNotAllowedError);
    await r.move('COMPLETE_TASK', { task: 'deliver' });
    await r.move('FULFIL', { fulfilmentNotes: 'Delivered to desk 4.12' });
    await r.move('CLOSE');
    expect(r.events.map((e) => e.type)).toEqual([
      'ServiceRequestSubmitted',
      'ServiceRequestRouted',
      'ServiceRequestInformationRequested',
      'ServiceRequestInformationProvided',
      'ServiceRequestApproved',
      'ServiceRequestAssigned',
      'ServiceRequestTaskCompleted',
      'ServiceRequestTaskCompleted',
      'ServiceRequestFulfilled',
      'ServiceRequestClosed',
    ]);
    expect(r.state()).toMatchObject({ state: 'closed', fields: { outcome: 'complete', openTasks: 0 } });
  });

  it('refuses an unknown catalog item, writing nothing', async () => {
    const r = drive();
    await expect(r.open({ catalogItem: 'phone', requestedFor: 'ana' })).rejects.toThrow(TicketInputNotAllowedError);
    expect(r.events).toEqual([]);
  });

  it('refuses a request for an item of a retired service, and for a retired item', async () => {
    await refs.execute('service', cmd('ChangeServiceStage', { id: 'workplace', stage: 'retired' }));
    await expect(drive().open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch' } })).rejects.toThrow(/which is retired: only live services take requests/);
    await refs.execute('catalog-item', cmd('RetireCatalogItem', { id: 'laptop' }));
    await expect(drive().open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch' } })).rejects.toThrow(/inactive/);
  });

  it('refuses form values that do not match the item, and a form that is not an object', async () => {
    await expect(drive().open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: 'tablet' } })).rejects.toThrow(/\$\.form\.model/);
    await expect(drive().open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch', replaces: 'laptop-99' } })).rejects.toThrow(/no ci 'laptop-99' exists/);
    await expect(drive().open({ catalogItem: 'laptop', requestedFor: 'ana', form: ['13-inch'] })).rejects.toThrow(TicketInputInvalidError);
  });

  it('closes incomplete when the requester never answers, and skipped when fulfilment is not needed', async () => {
    const a = drive();
    await a.open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch' } });
    await a.move('ROUTE');
    await a.move('REQUEST_INFO', { question: 'Which model exactly?' });
    await a.move('CLOSE_INCOMPLETE', { reason: 'No answer in 10 days' });
    expect(a.state()).toMatchObject({ state: 'closedIncomplete', fields: { outcome: 'incomplete', closureNotes: 'No answer in 10 days' } });
    const b = drive();
    await b.open({ catalogItem: 'laptop', requestedFor: 'ana', form: { model: '13-inch' } });
    await b.move('ROUTE');
    await b.move('APPROVE', { approver: 'olga' });
    await expect(b.move('CLOSE_SKIPPED', { reason: 'Had one spare', outcome: 'complete' })).rejects.toThrow(TicketInputNotAllowedError);
    await b.move('CLOSE_SKIPPED', { reason: 'Had one spare' });
    expect(b.state().fields.outcome).toBe('skipped');
  });
});
