import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { TransitionNotAllowedError } from '@itil/workflow';
import { createIncidentDecider } from './incident.decider';
import { IncidentAlreadyLoggedError, IncidentNotFoundError } from './incident.errors';
import { ID, NOW, assigned, cmd, incidentCatalog, logged, resolved, started } from './test-support/incident-fixtures';

const spec = deciderSpec(createIncidentDecider(incidentCatalog()));
const given = spec.given;

describe('Incident: logging', () => {
  it('logs a new incident with its priority from impact x urgency and pins lifecycle version 1', () =>
    given([])
      .when(cmd('LogIncident', { title: 'Email is down for the finance floor', caller: 'caller:bob', service: 'email', impact: 'medium', urgency: 'high' }))
      .then([logged()]));

  it('derives priority 1 for high impact and high urgency, 5 for low and low', () => {
    given([])
      .when(cmd('LogIncident', { title: 't', caller: 'c', impact: 'high', urgency: 'high' }))
      .thenState((s) => expect(s.priority).toBe(1));
    given([])
      .when(cmd('LogIncident', { title: 't', caller: 'c', impact: 'low', urgency: 'low' }))
      .thenState((s) => expect(s.priority).toBe(5));
  });

  it('refuses to log the same incident twice', () =>
    given([logged()])
      .when(cmd('LogIncident', { title: 't', caller: 'c', impact: 'low', urgency: 'low' }))
      .thenThrows(IncidentAlreadyLoggedError));

  it('refuses any other command on an incident that was never logged', () =>
    given([]).when(cmd('AssignIncident', { assignmentGroup: 'network' })).thenThrows(IncidentNotFoundError, (e) => expect(e.incidentId).toBe(ID)));
});

describe('Incident: when new', () => {
  const history = [logged()];
  it('assigns to a group and an assignee', () =>
    given(history)
      .when(cmd('AssignIncident', { assignmentGroup: 'service-desk', assignee: 'ana' }))
      .then([assigned('ana')]));

  it('refuses to start work before it is assigned, naming the allowed events', () =>
    given(history)
      .when(cmd('StartWorkOnIncident', {}))
      .thenThrows(TransitionNotAllowedError, (e) => {
        expect(e.allowedEvents).toEqual(['ASSIGN', 'CANCEL']);
        expect(e.failedGuards).toEqual([]);
      }));

  it('refuses to resolve a new incident', () =>
    given(history).when(cmd('ResolveIncident', { resolutionCode: 'x', resolutionNotes: 'y' })).thenThrows(TransitionNotAllowedError));

  it('cancels with a reason', () =>
    given(history)
      .when(cmd('CancelIncident', { reason: 'duplicate of INC-7' }))
      .then([{ type: 'IncidentCancelled', data: { from: 'new', to: 'cancelled', via: 'CANCEL', reason: 'duplicate of INC-7' } }]));
});

describe('Incident: when assigned', () => {
  it('refuses to start work without an assignee (guard hasAssignee)', () =>
    given([logged(), assigned(null)])
      .when(cmd('StartWorkOnIncident', {}))
      .thenThrows(TransitionNotAllowedError, (e) => expect(e.failedGuards).toEqual(['hasAssignee'])));

  it('starts work when an assignee is set', () => given([logged(), assigned('ana')]).when(cmd('StartWorkOnIncident', {})).then([started('ana')]));

  it('reassigns to another group as a functional escalation, remembering the previous group', () =>
    given([logged(), assigned('ana')])
      .when(cmd('AssignIncident', { assignmentGroup: 'network' }))
      .then([{ type: 'IncidentAssigned', data: { from: 'assigned', to: 'assigned', via: 'ASSIGN', assignmentGroup: 'network', assignee: null, previousGroup: 'service-desk' } }]));
});

describe('Incident: when in progress', () => {
  const history = [logged(), assigned('ana'), started('ana')];

  it('refuses to resolve without a resolution code (guard hasResolution)', () =>
    given(history)
      .when(cmd('ResolveIncident', { resolutionCode: ' ', resolutionNotes: 'notes' }))
      .thenThrows(TransitionNotAllowedError, (e) => expect(e.failedGuards).toEqual(['hasResolution'])));

  it('resolves with code and notes, stamped with the command time', () => given(history).when(cmd('ResolveIncident', { resolutionCode: 'config-fix', resolutionNotes: 'Restarted the mail relay' })).then([resolved()]));

  it('pends on the caller, and on a vendor, to different states', () => {
    given(history)
      .when(cmd('PendIncident', { reason: 'awaiting_caller' }))
      .thenState((s) => expect(s.status).toBe('awaitingCaller'));
    given(history)
      .when(cmd('PendIncident', { reason: 'awaiting_vendor', note: 'ticket 4411 with the ISP' }))
      .thenState((s) => expect([s.status, s.pendingReason]).toEqual(['awaitingVendor', 'awaiting_vendor']));
  });

  it('records a comment without changing state', () =>
    given(history)
      .when(cmd('CommentOnIncident', { text: 'Called the user back' }))
      .then([{ type: 'IncidentCommented', data: { text: 'Called the user back', visibility: 'internal' } }]));
});

describe('Incident: when pending', () => {
  const history = [
    logged(),
    assigned('ana'),
    started('ana'),
    { type: 'IncidentPended' as const, data: { from: 'inProgress', to: 'awaitingCaller', via: 'PEND', reason: 'awaiting_caller', note: null } },
  ];
  it('resumes back to in progress, clearing the pending reason', () =>
    given(history)
      .when(cmd('ResumeIncident', {}))
      .thenState((s) => expect([s.status, s.pendingReason]).toEqual(['inProgress', null])));
  it('refuses to pend again', () => given(history).when(cmd('PendIncident', { reason: 'awaiting_vendor' })).thenThrows(TransitionNotAllowedError));
});

describe('Incident: when resolved', () => {
  const history = [logged(), assigned('ana'), started('ana'), resolved()];
  it('reopens with a reason and counts the reopen', () =>
    given(history)
      .when(cmd('ReopenIncident', { reason: 'still failing' }))
      .thenState((s) => expect([s.status, s.reopenCount, s.resolvedAt]).toEqual(['inProgress', 1, null])));
  it('sends an incident resolved at first touch with nobody assigned back to the group queue on reopen', () =>
    given([logged(), assigned(null), resolved('assigned')])
      .when(cmd('ReopenIncident', { reason: 'still failing' }))
      .thenState((s) => expect([s.status, s.assignee, s.assignmentGroup]).toEqual(['assigned', null, 'service-desk'])));
  it('refuses to reopen without a reason', () => given(history).when(cmd('ReopenIncident', { reason: '' })).thenThrows(TransitionNotAllowedError));
  it('closes', () =>
    given(history)
      .when(cmd('CloseIncident', {}))
      .then([{ type: 'IncidentClosed', data: { from: 'resolved', to: 'closed', via: 'CLOSE', note: null, closedAt: NOW.toISOString() } }]));
});

describe('Incident: when closed', () => {
  const history = [logged(), assigned('ana'), started('ana'), resolved(), { type: 'IncidentClosed' as const, data: { from: 'resolved', to: 'closed', via: 'CLOSE', note: null, closedAt: NOW.toISOString() } }];
  it('refuses every transition, listing none as allowed', () =>
    given(history)
      .when(cmd('ReopenIncident', { reason: 'again' }))
      .thenThrows(TransitionNotAllowedError, (e) => expect(e.allowedEvents).toEqual([])));
  it('refuses comments on a closed record', () => given(history).when(cmd('CommentOnIncident', { text: 'late note' })).thenThrows(TransitionNotAllowedError));
});

describe('Incident: replay', () => {
  it('takes each state from the recorded event, never re-running guards', () => {
    // A history a later, stricter lifecycle would refuse still folds exactly as recorded.
    const odd = [logged(), { type: 'IncidentWorkStarted' as const, data: { from: 'new', to: 'inProgress', via: 'START_WORK', assignee: 'zoe' } }];
    given(odd)
      .when(cmd('CommentOnIncident', { text: 'x' }))
      .thenState((s) => expect([s.status, s.assignee]).toEqual(['inProgress', 'zoe']));
  });
});

describe('Incident: lifecycle migration', () => {
  // Version 2 renames awaitingVendor to awaitingSupplier; the migration maps one to the other.
  const catalog = incidentCatalog();
  const v1 = catalog.get('incident', 1).version.config;
  const { awaitingVendor, ...others } = v1.states;
  const retarget = (spec: unknown): unknown => (Array.isArray(spec) ? spec.map(retarget) : spec && typeof spec === 'object' && (spec as { target?: string }).target === 'awaitingVendor' ? { ...spec, target: 'awaitingSupplier' } : spec);
  const states = Object.fromEntries(Object.entries({ ...others, awaitingSupplier: awaitingVendor }).map(([name, s]) => [name, { ...s, on: s.on && Object.fromEntries(Object.entries(s.on).map(([ev, spec]) => [ev, retarget(spec)])) }]));
  catalog.add({ machineId: 'incident', version: 2, contentHash: 'sha256:v2', config: { ...v1, states: states as typeof v1.states } });
  const migrating = deciderSpec(createIncidentDecider(catalog));
  const pended = { type: 'IncidentPended' as const, data: { from: 'inProgress', to: 'awaitingVendor', via: 'PEND', reason: 'awaiting_vendor', note: null } };
  const migrated = {
    type: 'IncidentLifecycleMigrated' as const,
    data: {
      migrationId: 'm-1',
      lifecycle: { id: 'incident', version: 2 },
      fromLifecycle: { id: 'incident', version: 1 },
      fromState: 'awaitingVendor',
      toState: 'awaitingSupplier',
      mapping: { awaitingVendor: 'awaitingSupplier' },
      migratedBy: 'owner:pat',
      migratedAt: NOW.toISOString(),
      reason: null,
    },
  };
  const history = [logged(), assigned('ana'), started('ana'), pended, migrated];

  it('moves the incident to the new version and the mapped state, keeping everything else', () =>
    migrating
      .given(history)
      .when(cmd('CommentOnIncident', { text: 'x' }))
      .thenState((s) => expect([s.lifecycle, s.status, s.assignee, s.pendingReason]).toEqual([{ id: 'incident', version: 2 }, 'awaitingSupplier', 'ana', 'awaiting_vendor'])));

  it('decides under the version it was migrated to', () =>
    migrating
      .given(history)
      .when(cmd('ResumeIncident', {}))
      .then([{ type: 'IncidentResumed', data: { from: 'awaitingSupplier', to: 'inProgress', via: 'RESUME' } }]));

  it('keeps an unmigrated incident on version 1', () =>
    migrating.given([logged(), assigned('ana'), started('ana'), pended]).when(cmd('ResumeIncident', {})).thenState((s) => expect(s.lifecycle).toEqual({ id: 'incident', version: 1 })));
});
