import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandPipeline, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { EventSourcedReferences, ReferenceDataService, ReferenceIndex } from '@itil/reference-data';
import { NOW, tempFile } from '@itil/reference-data/test-support/reference-fixtures';
import { seedWorld } from '@itil/reference-data/test-support/seed-reference-data';
import { ticketDriver } from '@itil/reference-data/test-support/ticket-driver';
import { createTicketDecider, TicketInputInvalidError, TicketInputNotAllowedError, type TicketRecord } from '@itil/tickets';
import { LifecycleCatalog } from '@itil/workflow';
import { problemGuards } from './problem.guards';
import { problemProcess } from './problem.process';

const v2 = JSON.parse(readFileSync(join(__dirname, '../../../state-machines/versions/problem/2.json'), 'utf8'));
const I1 = '11111111-1111-4111-8111-111111111111';
const I2 = '22222222-2222-4222-8222-222222222222';
const I3 = '33333333-3333-4333-8333-333333333333';

describe('Problem on the ticket engine, against event-sourced reference data (real SQLite)', () => {
  let store: SqliteEventStore;
  let drive: () => ReturnType<typeof ticketDriver>;
  const incidents = new Map<string, TicketRecord>();
  beforeEach(async () => {
    store = new SqliteEventStore({ file: tempFile(), now: () => NOW });
    const index = new ReferenceIndex(store);
    await index.start();
    await seedWorld(new ReferenceDataService(new CommandPipeline(store, new SequentialIds('problem')), index));
    incidents.set(I1, { id: I1, process: 'incident', state: 'inProgress', category: 'active' });
    incidents.set(I2, { id: I2, process: 'incident', state: 'closed', category: 'closed' });
    incidents.set(I3, { id: I3, process: 'incident', state: 'awaitingCaller', category: 'pending' });
    const decider = createTicketDecider(problemProcess, LifecycleCatalog.fromConfigs([v2], problemGuards));
    const references = new EventSourcedReferences(index, async (id) => incidents.get(id));
    drive = () => ticketDriver(decider, references, 'p1', () => ({ now: NOW, actor: 'user:pat' }));
  });
  afterEach(async () => store.close());

  it('runs the whole lifecycle: raised from incidents, known error with a workaround first, root cause, resolved through a change, closed', async () => {
    const p = drive();
    await p.open({ title: 'Laptops lose Wi-Fi after sleep', incidentIds: [I1, I2], service: 'workplace', configurationItem: 'laptop-17', assignmentGroup: 'workplace' });
    await p.link({ kind: 'affects', target: { type: 'ticket', id: I3, process: 'incident' } });
    await p.update({ assignee: 'ana', rootCauseAnalysis: 'Reproduced on driver 22.1 only' });
    await p.move('ACCEPT', { problemOwner: 'pat' });
    await p.move('RECORD_WORKAROUND', { workaround: 'Disable power saving on the adapter' });
    expect(p.state()).toMatchObject({ state: 'knownError', fields: { knownErrorPublishedAt: NOW.toISOString() } });
    await p.move('IDENTIFY_ROOT_CAUSE', { rootCause: 'Driver 22.1 drops the association on resume' });
    await p.move('RAISE_CHANGE', { changeId: 'CHG-1042' });
    await p.move('CHANGE_IMPLEMENTED', { resolutionCode: 'driver-update', resolutionNotes: 'Driver 22.3 rolled out' });
    expect((await p.offers()).map((o) => o.ticket.id)).toEqual([I1, I3]);
    await p.move('CLOSE');
    expect(p.events.map((e) => e.type)).toEqual([
      'ProblemLogged',
      'ProblemLinked',
      'ProblemFieldsUpdated',
      'ProblemAccepted',
      'ProblemWorkaroundRecorded',
      'ProblemRootCauseIdentified',
      'ProblemChangeRaised',
      'ProblemResolvedByChange',
      'ProblemClosed',
    ]);
    expect(p.state().fields.closureCode).toBe('resolved');
  });

  it('refuses an unknown CI, an assignee outside the group and an incident that is not an incident', async () => {
    const p = drive();
    await expect(p.open({ title: 't', configurationItem: 'no-such-ci' })).rejects.toThrow(TicketInputNotAllowedError);
    await p.open({ title: 't', assignmentGroup: 'workplace' });
    const outsider = await p.update({ assignee: 'olga' }).catch((e: unknown) => e);
    expect((outsider as TicketInputNotAllowedError).errors).toEqual([{ path: '$.assignee', code: 'NOT_A_MEMBER', message: "'olga' is not a member of group 'workplace'" }]);
    await expect(drive().open({ title: 't', incidentIds: ['not an id!'] })).rejects.toThrow(TicketInputInvalidError);
    expect(p.events).toHaveLength(1);
  });

  it('closes without a root cause, or with the risk accepted; cancels or marks a duplicate from any open state', async () => {
    const a = drive();
    await a.open({ title: 'Intermittent VPN drop' });
    await a.move('ACCEPT', { problemOwner: 'pat' });
    await a.move('CLOSE_WITHOUT_ROOT_CAUSE', { closureNotes: 'Not reproducible in 30 days of logs' });
    expect(a.state()).toMatchObject({ state: 'closed', fields: { closureCode: 'no-root-cause' } });
    const b = drive();
    await b.open({ title: 'Old printer jams' });
    await b.move('ACCEPT', { problemOwner: 'pat' });
    await b.move('RECORD_WORKAROUND', { workaround: 'Use tray 2' });
    await b.move('AWAIT_VENDOR_FIX', { vendorReference: 'VENDOR-4471' });
    await b.move('VENDOR_FIX_FAILED');
    await b.move('ACCEPT_RISK', { acceptedBy: 'olga', reason: 'Printer retires next quarter' });
    expect(b.state()).toMatchObject({ state: 'closed', fields: { closureCode: 'risk-accepted', riskAcceptance: 'Printer retires next quarter' } });
    const c = drive();
    await c.open({ title: 'Same as P-7' });
    await expect(c.move('MARK_DUPLICATE', { duplicateOf: I1 })).rejects.toThrow(TicketInputNotAllowedError);
    await c.move('CANCEL', { reason: 'Raised by mistake' });
    expect(c.state().state).toBe('cancelled');
  });
});
