import { incidentWithoutVendorPending, seed } from '../test-support/definitions';
import { diffLifecycles, formatDiff } from './diff-lifecycles';

describe('Diff between two lifecycle versions', () => {
  it('finds nothing between a version and itself', () => {
    const d = diffLifecycles(seed('incident'), seed('incident'));
    expect(d.identical).toBe(true);
    expect(formatDiff(d)).toBe('a and b are identical.');
  });

  it('lists states and transitions added and removed', () => {
    const d = diffLifecycles(seed('incident'), incidentWithoutVendorPending(), { from: 'incident v1', to: 'incident v2' });
    expect(d.states).toEqual({ added: [], removed: ['awaitingVendor'], changed: [] });
    expect(d.transitions.removed).toEqual([
      { source: 'assigned', event: 'RESOLVE', target: 'resolved', guard: 'hasResolution' },
      { source: 'inProgress', event: 'PEND', target: 'awaitingVendor', guard: 'isPendingOnVendor' },
      { source: 'awaitingVendor', event: 'RESUME', target: 'inProgress', guard: null },
      { source: 'awaitingVendor', event: 'RESOLVE', target: 'resolved', guard: 'hasResolution' },
      { source: 'awaitingVendor', event: 'CANCEL', target: 'cancelled', guard: 'hasCancellationReason' },
    ]);
    expect(d.transitions.added).toEqual([]);
    expect(d.fields.changed).toEqual([{ field: 'pendingReason', changes: [{ field: 'description', before: 'awaiting_caller or awaiting_vendor', after: 'awaiting_caller' }] }]);
  });

  it('shows changed guards, meta, required fields, the initial state and the field dictionary', () => {
    const b = seed('incident');
    (b.states.assigned.on!.START_WORK as { guard: string }).guard = 'hasAssignmentGroup';
    b.states.awaitingCaller.meta = { category: 'pending', sla: 'running', requiredFields: [] };
    b.states.resolved.entry = ['notifyCaller'];
    b.states.triage = { meta: { category: 'new', sla: 'running' }, on: { ASSIGN: 'assigned' } };
    b.initial = 'triage';
    b.meta!.fields!.costCentre = { setBy: ['create'] };
    const d = diffLifecycles(seed('incident'), b, { from: 'v1', to: 'draft 1' });
    expect(d.initial).toEqual({ field: 'initial', before: 'new', after: 'triage' });
    expect(d.states.added).toEqual(['triage']);
    expect(d.states.changed).toEqual([
      { state: 'awaitingCaller', changes: [{ field: 'meta.sla', before: 'paused', after: 'running' }, { field: 'meta.requiredFields', before: ['pendingReason'], after: [] }] },
      { state: 'resolved', changes: [{ field: 'entry', before: ['scheduleAutoClose', 'notifyCaller'], after: ['notifyCaller'] }] },
    ]);
    expect(d.transitions.changed).toEqual([{ source: 'assigned', event: 'START_WORK', target: 'inProgress', guard: 'hasAssignmentGroup', changes: [{ field: 'guard', before: 'hasAssignee', after: 'hasAssignmentGroup' }] }]);
    expect(d.transitions.added).toEqual([{ source: 'triage', event: 'ASSIGN', target: 'assigned', guard: null }]);
    expect(d.fields.added).toEqual(['costCentre']);
    expect(formatDiff(d).split('\n')).toEqual([
      'Changes from v1 to draft 1:',
      '~ initial state: new -> triage',
      '+ state triage',
      '~ state awaitingCaller meta.sla: paused -> running',
      '~ state awaitingCaller meta.requiredFields: ["pendingReason"] -> []',
      '~ state resolved entry: ["scheduleAutoClose","notifyCaller"] -> ["notifyCaller"]',
      '+ transition triage --ASSIGN--> assigned',
      '~ transition assigned --START_WORK--> inProgress guard: hasAssignee -> hasAssignmentGroup',
      '+ field costCentre',
    ]);
  });
});
