import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { createTicketDecider, TicketAlreadyOpenedError, TicketFrozenError, TicketNotFoundError, type TicketCommand, type TicketEvent } from '@itil/tickets';
import { TransitionNotAllowedError } from '@itil/workflow';
import type { IncidentEvent } from '../incident.events';
import { ID, NOW, assigned, incidentCatalog, logged, meta, resolved, started } from '../test-support/incident-fixtures';
import { INCIDENT_TEST_GROUPS } from '../testing/incident-writer';
import { incidentProcess } from './incident.process';

/**
 * Version 1 of the incident lifecycle (state-machines/incident.json) on the ticket engine, with
 * the histories the hand-written decider wrote (schema 1) as the given: what that decider's own
 * spec asked of version 1, now asked of the engine that replaced it.
 */
const { given } = deciderSpec(createTicketDecider(incidentProcess, incidentCatalog()));
const v1 = (events: IncidentEvent[]) => events as unknown as TicketEvent[];
const cmd = (type: TicketCommand['type'], data: Record<string, unknown>): TicketCommand => ({ type, data: { ticketId: ID, ...data }, metadata: meta, references: INCIDENT_TEST_GROUPS }) as TicketCommand;
const move = (event: string, input: Record<string, unknown> = {}) => cmd('MoveTicket', { event, input });
const open = (input: Record<string, unknown>) => cmd('OpenTicket', { input });
const pendedOnCaller: IncidentEvent = { type: 'IncidentPended', data: { from: 'inProgress', to: 'awaitingCaller', via: 'PEND', reason: 'awaiting_caller', note: null } };
const closed: IncidentEvent = { type: 'IncidentClosed', data: { from: 'resolved', to: 'closed', via: 'CLOSE', note: null, closedAt: NOW.toISOString() } };

describe('Incident v1 on the ticket engine: logging', () => {
  it('logs with its priority from impact x urgency, pinned to lifecycle version 1', () =>
    given([])
      .when(open({ title: 'Email is down for the finance floor', caller: 'caller:bob', impact: 'medium', urgency: 'high' }))
      .thenState((s) => expect([s.state, s.lifecycle, s.fields.priority, s.fields.priorityMatrix]).toEqual(['new', { id: 'incident', version: 1 }, 2, 'itil-3x3@1'])));

  it('derives priority 1 for high impact and high urgency, 5 for low and low', () => {
    given([]).when(open({ title: 't', caller: 'c', impact: 'high', urgency: 'high' })).thenState((s) => expect(s.fields.priority).toBe(1));
    given([]).when(open({ title: 't', caller: 'c', impact: 'low', urgency: 'low' })).thenState((s) => expect(s.fields.priority).toBe(5));
  });

  it('refuses to log the same incident twice', () => given(v1([logged()])).when(open({ title: 't', caller: 'c', impact: 'low', urgency: 'low' })).thenThrows(TicketAlreadyOpenedError));

  it('refuses any other command on an incident that was never logged', () => given([]).when(move('ASSIGN', { assignmentGroup: 'network' })).thenThrows(TicketNotFoundError));
});

describe('Incident v1 on the ticket engine: new and assigned', () => {
  it('refuses to start work before it is assigned, naming the allowed events', () =>
    given(v1([logged()]))
      .when(move('START_WORK'))
      .thenThrows(TransitionNotAllowedError, (e) => expect([e.allowedEvents, e.failedGuards]).toEqual([['ASSIGN', 'CANCEL'], []])));

  it('cancels with a reason', () => given(v1([logged()])).when(move('CANCEL', { reason: 'duplicate of INC-7' })).thenState((s) => expect([s.state, s.fields.cancellationReason]).toEqual(['cancelled', 'duplicate of INC-7'])));

  it('refuses to start work without an assignee (guard hasAssignee), and starts once there is one', () => {
    given(v1([logged(), assigned(null)])).when(move('START_WORK')).thenThrows(TransitionNotAllowedError, (e) => expect(e.failedGuards).toEqual(['hasAssignee']));
    given(v1([logged(), assigned('ana')])).when(move('START_WORK')).thenState((s) => expect([s.state, s.fields.assignee]).toEqual(['inProgress', 'ana']));
  });
});

describe('Incident v1 on the ticket engine: in progress and pending', () => {
  const working = v1([logged(), assigned('ana'), started('ana')]);
  it('pends on the caller, and on a vendor, to different states', () => {
    given(working).when(move('PEND', { reason: 'awaiting_caller' })).thenState((s) => expect(s.state).toBe('awaitingCaller'));
    given(working).when(move('PEND', { reason: 'awaiting_vendor' })).thenState((s) => expect([s.state, s.fields.pendingReason]).toEqual(['awaitingVendor', 'awaiting_vendor']));
  });

  it('resumes back to in progress, clearing the pending reason, and refuses to pend again', () => {
    const pending = [...working, ...v1([pendedOnCaller])];
    given(pending).when(move('RESUME')).thenState((s) => expect([s.state, s.fields.pendingReason]).toEqual(['inProgress', null]));
    given(pending).when(move('PEND', { reason: 'awaiting_vendor' })).thenThrows(TransitionNotAllowedError);
  });

  it('refuses to resolve without a resolution code (guard hasResolution)', () =>
    given(working).when(move('RESOLVE', { resolutionCode: ' ', resolutionNotes: 'notes' })).thenThrows(TransitionNotAllowedError, (e) => expect(e.failedGuards).toEqual(['hasResolution'])));

  it('resolves with code and notes', () =>
    given(working).when(move('RESOLVE', { resolutionCode: 'config-fix', resolutionNotes: 'Restarted the mail relay' })).thenState((s) => expect([s.state, s.fields.resolutionCode]).toEqual(['resolved', 'config-fix'])));
});

describe('Incident v1 on the ticket engine: resolved and closed', () => {
  const done = v1([logged(), assigned('ana'), started('ana'), resolved()]);
  it('reopens with a reason and counts the reopen; refuses to reopen without one', () => {
    given(done).when(move('REOPEN', { reason: 'still failing' })).thenState((s) => expect([s.state, s.fields.reopenCount]).toEqual(['inProgress', 1]));
    given(done).when(move('REOPEN', { reason: '' })).thenThrows(TransitionNotAllowedError);
  });

  it('sends an incident resolved at first touch with nobody assigned back to the group queue on reopen', () =>
    given(v1([logged(), assigned(null), resolved('assigned')]))
      .when(move('REOPEN', { reason: 'still failing' }))
      .thenState((s) => expect([s.state, s.fields.assignee, s.fields.assignmentGroup]).toEqual(['assigned', null, 'service-desk'])));

  it('closes, and then refuses every transition and every comment', () => {
    given(done).when(move('CLOSE')).thenState((s) => expect(s.state).toBe('closed'));
    given([...done, ...v1([closed])]).when(move('REOPEN', { reason: 'again' })).thenThrows(TransitionNotAllowedError, (e) => expect(e.allowedEvents).toEqual([]));
    given([...done, ...v1([closed])]).when(cmd('CommentOnTicket', { input: { text: 'late note' } })).thenThrows(TicketFrozenError);
  });
});

describe('Incident v1 on the ticket engine: replay', () => {
  // A history a later, stricter lifecycle would refuse (work started with nobody assigned) still folds as recorded.
  it('takes each state from the recorded event, never re-running guards', () =>
    given(v1([logged(), { type: 'IncidentWorkStarted', data: { from: 'new', to: 'inProgress', via: 'START_WORK', assignee: 'zoe' } }]))
      .when(cmd('CommentOnTicket', { input: { text: 'x' } }))
      .thenState((s) => expect(s.state).toBe('inProgress')));
});

describe('Incident v1 on the ticket engine: lifecycle migration', () => {
  // Version 2 renames awaitingVendor to awaitingSupplier; the migration maps one to the other.
  const catalog = incidentCatalog();
  const base = catalog.get('incident', 1).version.config;
  const { awaitingVendor, ...others } = base.states;
  const retarget = (spec: unknown): unknown => (Array.isArray(spec) ? spec.map(retarget) : spec && typeof spec === 'object' && (spec as { target?: string }).target === 'awaitingVendor' ? { ...spec, target: 'awaitingSupplier' } : spec);
  const states = Object.fromEntries(Object.entries({ ...others, awaitingSupplier: awaitingVendor }).map(([name, s]) => [name, { ...s, on: s.on && Object.fromEntries(Object.entries(s.on).map(([ev, spec]) => [ev, retarget(spec)])) }]));
  catalog.add({ machineId: 'incident', version: 2, contentHash: 'sha256:v2', config: { ...base, states: states as typeof base.states } });
  const migrating = deciderSpec(createTicketDecider(incidentProcess, catalog));
  const pended: IncidentEvent = { type: 'IncidentPended', data: { from: 'inProgress', to: 'awaitingVendor', via: 'PEND', reason: 'awaiting_vendor', note: null } };
  const migrated: IncidentEvent = {
    type: 'IncidentLifecycleMigrated',
    data: { migrationId: 'm-1', lifecycle: { id: 'incident', version: 2 }, fromLifecycle: { id: 'incident', version: 1 }, fromState: 'awaitingVendor', toState: 'awaitingSupplier', mapping: { awaitingVendor: 'awaitingSupplier' }, migratedBy: 'owner:pat', migratedAt: NOW.toISOString(), reason: null },
  };
  const history = v1([logged(), assigned('ana'), started('ana'), pended, migrated]);

  it('moves the incident to the new version and the mapped state, keeping its fields', () =>
    migrating
      .given(history)
      .when(cmd('CommentOnTicket', { input: { text: 'x' } }))
      .thenState((s) => expect([s.lifecycle, s.state, s.fields.assignee, s.fields.pendingReason]).toEqual([{ id: 'incident', version: 2 }, 'awaitingSupplier', 'ana', 'awaiting_vendor'])));

  it('decides under the version it was migrated to, and keeps an unmigrated incident on version 1', () => {
    migrating.given(history).when(move('RESUME')).thenState((s) => expect([s.state, s.lifecycle]).toEqual(['inProgress', { id: 'incident', version: 2 }]));
    migrating.given(v1([logged(), assigned('ana'), started('ana'), pended])).when(move('RESUME')).thenState((s) => expect(s.lifecycle).toEqual({ id: 'incident', version: 1 }));
  });
});
