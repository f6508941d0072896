import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandMetadata } from '@itil/engine';
import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { createTicketDecider, emptySnapshot, mergeSnapshots, PolicyRefusedError, TicketInputInvalidError, TicketInputNotAllowedError, type ReferenceSnapshot, type TicketCommand, type TicketEvent } from '@itil/tickets';
import { LifecycleCatalog, TransitionNotAllowedError, type MachineConfigJson } from '@itil/workflow';
import { incidentGuards } from './incident.guards';
import { assigned, logged, resolved, started, STATE_MACHINES_DIR } from '../test-support/incident-fixtures';
import { createIncidentProcess } from './incident.process';
import { completeIncidentEvent, upcastIncidentV1 } from './incident.upcasters';

const ID = '6f1c2a43-9b1e-4d8e-b3a0-5c2f8e7d1a90';
const CHILD = '7a2d3b54-0c2f-4e9f-a4b1-6d3f9e8e2b01';
const NOW = new Date('2026-03-02T10:00:00Z');
const meta: CommandMetadata = { now: NOW, actor: 'agent:ana' };
const read = (file: string) => JSON.parse(readFileSync(join(STATE_MACHINES_DIR, file), 'utf8')) as MachineConfigJson;

function catalog(): LifecycleCatalog {
  const c = LifecycleCatalog.fromConfigs([read('incident.json')], incidentGuards);
  c.add({ machineId: 'incident', version: 2, contentHash: 'sha256:v2', config: read('versions/incident/2.json') });
  return c;
}
const refs = (): ReferenceSnapshot =>
  mergeSnapshots(emptySnapshot(), {
    group: { network: { id: 'network', name: 'Network', members: ['raj', 'ana'], active: true }, desk: { id: 'desk', name: 'Desk', members: ['ana'], active: true } },
    ticket: { [CHILD]: { id: CHILD, process: 'incident', state: 'inProgress', category: 'active' } },
    service: { vpn: { id: 'vpn', name: 'VPN', stage: 'live', owner: null, supportGroup: null, slaPolicy: null } },
    ci: {},
    'catalog-item': {},
    asked: ['group:network', 'group:desk', `ticket:${CHILD}`, 'service:vpn'],
  });
const matrix = { id: 'itil-3x3@2', priorities: { high: { high: 1, medium: 1, low: 2 }, medium: { high: 2, medium: 3, low: 4 }, low: { high: 3, medium: 4, low: 5 } }, labels: { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low', 5: 'planning' } } as const;
const decider = createTicketDecider(createIncidentProcess(matrix), catalog());
const { given } = deciderSpec(decider);

const cmd = (type: TicketCommand['type'], data: Record<string, unknown>): TicketCommand => ({ type, data: { ticketId: ID, ...data }, metadata: meta, references: refs() }) as TicketCommand;
const move = (event: string, input: Record<string, unknown> = {}) => cmd('MoveTicket', { event, input });
const update = (input: Record<string, unknown>) => cmd('UpdateTicketFields', { input });

const opened = (fields: Record<string, unknown> = {}, version = 2): TicketEvent => ({
  type: 'IncidentLogged',
  data: { ticketId: ID, process: 'incident', lifecycle: { id: 'incident', version }, state: 'new', fields: { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'medium', priority: 1, priorityMatrix: 'itil-3x3@2', ...fields } as never, openedAt: NOW.toISOString() },
});
const moved = (type: string, from: string, to: string, via: string, fields: Record<string, unknown>, previous: Record<string, unknown>): TicketEvent => ({ type, data: { ticketId: ID, from, to, via, fields: fields as never, previous: previous as never, note: null } });
const toNetwork = moved('IncidentAssigned', 'new', 'assigned', 'ASSIGN', { assignmentGroup: 'network', assignee: 'raj' }, { assignmentGroup: null, assignee: null });
const working = moved('IncidentWorkStarted', 'assigned', 'inProgress', 'START_WORK', {}, {});

describe('Incident on the ticket engine: priority', () => {
  it('derives priority from impact x urgency through the configured matrix on logging', () =>
    given([])
      .when(cmd('OpenTicket', { input: { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'medium' } }))
      .thenState((s) => expect([s.fields.priority, s.fields.priorityMatrix, s.lifecycle]).toEqual([1, 'itil-3x3@2', { id: 'incident', version: 2 }])));

  it('recomputes it when urgency is updated, recording the old and the new priority in the same event', () =>
    given([opened()])
      .when(update({ urgency: 'low' }))
      .then([{ type: 'IncidentFieldsUpdated', data: { ticketId: ID, fields: { urgency: 'low', priority: 2 }, previous: { urgency: 'medium', priority: 1 } } }]));

  it('refuses to set the priority by hand', () => given([opened()]).when(update({ priority: 5 })).thenThrows(TicketInputNotAllowedError));
});

describe('Incident on the ticket engine: escalation', () => {
  it('counts a reassignment to another group as a functional escalation and clears the assignee of the old group', () =>
    given([opened(), toNetwork])
      .when(move('ASSIGN', { assignmentGroup: 'desk' }))
      .then([moved('IncidentAssigned', 'assigned', 'assigned', 'ASSIGN', { assignmentGroup: 'desk', reassignmentCount: 1, assignee: null }, { assignmentGroup: 'network', reassignmentCount: null, assignee: 'raj' })]));

  it('refuses an assignee who is not a member of the new group', () =>
    given([opened(), toNetwork]).when(move('ASSIGN', { assignmentGroup: 'desk', assignee: 'raj' })).thenThrows(TicketInputNotAllowedError, (e) => expect(e.errors[0]).toMatchObject({ path: '$.assignee', code: 'NOT_A_MEMBER' })));

  it('records a hierarchical escalation level', () => given([opened(), toNetwork]).when(update({ escalationLevel: 2 })).thenState((s) => expect(s.fields.escalationLevel).toBe(2)));
});

describe('Incident v2: the lifecycle an ITIL practitioner asked for', () => {
  it('resolves at first contact from new, pinning firstContactResolution', () =>
    given([opened()])
      .when(move('RESOLVE', { resolutionCode: 'password-reset', resolutionNotes: 'Reset on the call' }))
      .thenState((s) => expect([s.state, s.fields.firstContactResolution]).toEqual(['resolved', true])));

  it('pends from assigned, on a change or a problem, and is reassigned while pending without leaving it', () => {
    given([opened(), toNetwork]).when(move('PEND', { reason: 'awaiting_change' })).thenState((s) => expect([s.state, s.fields.pendingReason]).toEqual(['awaitingChange', 'awaiting_change']));
    const pended = moved('IncidentPended', 'inProgress', 'awaitingProblem', 'PEND', { pendingReason: 'awaiting_problem' }, { pendingReason: null });
    given([opened(), toNetwork, working, pended])
      .when(move('ASSIGN', { assignmentGroup: 'desk', assignee: 'ana' }))
      .thenState((s) => expect([s.state, s.fields.assignmentGroup, s.fields.reassignmentCount, s.fields.pendingReason]).toEqual(['awaitingProblem', 'desk', 1, 'awaiting_problem']));
    given([opened(), toNetwork, working, pended]).when(move('RESUME')).thenState((s) => expect([s.state, s.fields.pendingReason]).toEqual(['inProgress', null]));
  });

  it('keeps a v1 incident on v1: no first-contact resolution from new there', () =>
    given([opened({}, 1)]).when(move('RESOLVE', { resolutionCode: 'x', resolutionNotes: 'y' })).thenThrows(TransitionNotAllowedError, (e) => expect(e.allowedEvents).toEqual(['ASSIGN', 'CANCEL'])));
});

describe('Incident on the ticket engine: after resolution', () => {
  const resolvedV2 = moved('IncidentResolved', 'inProgress', 'resolved', 'RESOLVE', { resolutionCode: 'fix', resolutionNotes: 'done' }, { resolutionCode: null, resolutionNotes: null });
  it('takes the caller satisfaction rating (1-5) and comment once resolved, not before', () => {
    given([opened(), toNetwork, working, resolvedV2]).when(update({ satisfactionRating: 4, satisfactionComment: 'Quick, thanks' })).thenState((s) => expect(s.fields.satisfactionRating).toBe(4));
    given([opened(), toNetwork, working, resolvedV2]).when(update({ satisfactionRating: 6 })).thenThrows(TicketInputInvalidError, (e) => expect(e.errors[0].code).toBe('OUT_OF_RANGE'));
    given([opened(), toNetwork, working]).when(update({ satisfactionRating: 4 })).thenThrows(TicketInputNotAllowedError, (e) => expect(e.errors[0]).toMatchObject({ path: '$.satisfactionRating', code: 'NOT_SETTABLE' }));
  });

  it('counts a reopen', () =>
    given([opened(), toNetwork, working, resolvedV2]).when(move('REOPEN', { reason: 'Dropped again' })).thenState((s) => expect([s.state, s.fields.reopenCount, s.fields.reopenReason]).toEqual(['inProgress', 1, 'Dropped again'])));

  it('offers to resolve the children still open once the parent is resolved', () => {
    const linked: TicketEvent = { type: 'IncidentLinked', data: { ticketId: ID, linkId: 'link-1', kind: 'parent-of', target: { type: 'ticket', id: CHILD, process: 'incident' } } };
    const parent = [opened(), linked, toNetwork, working, resolvedV2].reduce(decider.evolve, decider.initialState());
    expect(decider.offerReferences(parent)).toEqual([{ kind: 'ticket', id: CHILD }]);
    expect(decider.offers(parent, refs())).toEqual([{ action: 'resolve-child', ticket: { process: 'incident', id: CHILD }, event: 'RESOLVE', reason: 'the parent incident is resolved' }]);
    const open = [opened(), linked, toNetwork].reduce(decider.evolve, decider.initialState());
    expect(decider.offers(open, refs())).toEqual([]);
  });
});

describe('Incident on the ticket engine: major incidents', () => {
  it('declares the procedure when the flag is set, and refuses a procedure for an ordinary incident', () => {
    given([opened()]).when(update({ majorIncident: true })).thenState((s) => expect(s.fields.majorIncidentProcedure).toBe('declared'));
    given([opened()]).when(update({ majorIncidentProcedure: 'bridge-open' })).thenThrows(PolicyRefusedError);
  });
});

describe('Incident events of schema 1, written by the hand-written decider', () => {
  const v1 = [logged(), assigned('ana', 'network'), started('ana'), resolved()];
  it('fold into the same ticket, with the fields and state they recorded', () => {
    const s = v1.reduce((t, e) => decider.evolve(t, e as unknown as TicketEvent), decider.initialState());
    expect(s).toMatchObject({ exists: true, id: ID, state: 'resolved', lifecycle: { id: 'incident', version: 1 }, fields: { title: 'Email is down for the finance floor', priority: 2, assignmentGroup: 'network', assignee: 'ana', resolutionCode: 'config-fix' } });
  });

  it('read as today`s shapes: a move with from, to, via, the fields it set and the previous values', () => {
    const before = [logged(), assigned('ana', 'service-desk')].reduce((t, e) => decider.evolve(t, e as unknown as TicketEvent), decider.initialState());
    const reassigned = assigned(null, 'network', 'service-desk', 'assigned') as unknown as TicketEvent;
    expect(completeIncidentEvent(reassigned, before).data).toEqual({
      ticketId: ID,
      from: 'assigned',
      to: 'assigned',
      via: 'ASSIGN',
      fields: { assignmentGroup: 'network', assignee: null, reassignmentCount: 1 },
      previous: { assignmentGroup: 'service-desk', assignee: 'ana', reassignmentCount: null },
      note: null,
    });
    expect(upcastIncidentV1('IncidentLogged', logged().data as never, `incident-${ID}`)).toMatchObject({ ticketId: ID, process: 'incident', state: 'new', fields: { impact: 'medium', priority: 2 } });
  });

  it('keep being decided on: a schema-1 incident can be closed on the engine', () =>
    given(v1 as unknown as TicketEvent[]).when(move('CLOSE', { note: 'Caller confirmed' })).then([moved('IncidentClosed', 'resolved', 'closed', 'CLOSE', {}, {})].map((e) => ({ ...e, data: { ...e.data, note: 'Caller confirmed' } }))));
});
