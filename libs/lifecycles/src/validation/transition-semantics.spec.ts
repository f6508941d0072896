import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDirectedGraph } from '@xstate/graph';
import { createMachine } from 'xstate';
import { destinationOf } from '../definition/transitions';
import type { LifecycleDefinition, TransitionJson } from '../definition/lifecycle-json';
import { context, seed, STATE_MACHINES_DIR } from '../test-support/definitions';
import { LifecycleGraph } from './lifecycle-graph';
import { validateLifecycle } from './validate-lifecycle';

const VERSIONS_DIR = join(STATE_MACHINES_DIR, 'versions');
const laterVersions = readdirSync(VERSIONS_DIR).flatMap((process) => readdirSync(join(VERSIONS_DIR, process)).map((file) => [process, file] as const));
const v2 = (): LifecycleDefinition => JSON.parse(readFileSync(join(VERSIONS_DIR, 'incident', '2.json'), 'utf8')) as LifecycleDefinition;
const codes = (d: unknown) => validateLifecycle(d, context('incident')).findings.map((f) => [f.path, f.code, f.severity]);

describe('Later versions in state-machines/versions/', () => {
  it.each(laterVersions)('%s %s has no finding at all', (process, file) => {
    expect(validateLifecycle(readFileSync(join(VERSIONS_DIR, process, file), 'utf8'), context(process)).findings).toEqual([]);
  });

  it.each(laterVersions)('%s %s: the graph the validator walks is the one XState builds', (process, file) => {
    const definition = JSON.parse(readFileSync(join(VERSIONS_DIR, process, file), 'utf8')) as LifecycleDefinition;
    const ours = new LifecycleGraph(definition).edges.map((t) => `${t.source}>${destinationOf(t)}:${t.event}`).sort();
    const xstate = toDirectedGraph(createMachine(definition as never))
      .children.flatMap((node) => node.edges.map((e) => `${e.source.key}>${e.target.key}:${e.label.text}`))
      .sort();
    expect(ours).toEqual(xstate);
  });
});

describe('Validation that sees what XState sees', () => {
  it('reports a candidate shadowed by an earlier unguarded one, and the state it leaves unreachable', () => {
    const d = seed('incident');
    const pend = d.states.inProgress.on!.PEND as TransitionJson[];
    delete pend[0].guard; // XState now always takes awaitingCaller
    expect(codes(d)).toEqual([
      ['$.states.assigned.on.ASSIGN', 'SELF_TRANSITION_ENTRY', 'warning'],
      ['$.states.inProgress.on.PEND[1]', 'SHADOWED_TRANSITION', 'error'],
      ['$.states', 'MISSING_FACT_NAME', 'warning'],
      ['$.states.awaitingVendor', 'UNREACHABLE_STATE', 'error'],
    ]);
  });

  it('reports a self-transition whose entry actions XState does not re-run, and accepts it with reenter', () => {
    const d = v2();
    delete (d.states.assigned.on!.ASSIGN as TransitionJson).reenter;
    expect(codes(d)).toEqual([['$.states.assigned.on.ASSIGN', 'SELF_TRANSITION_ENTRY', 'warning']]);
  });

  it('reports a transition that accepts any value of a field other transitions guard (the backout that can be "successful")', () => {
    const d = seed('change-normal');
    const findings = validateLifecycle(d, context('change-normal')).findings.filter((f) => f.code === 'UNPINNED_VALUE');
    expect(findings.map((f) => f.path)).toEqual(['$.states.backingOut.on.BACKOUT_COMPLETE']);
    expect(findings[0].message).toMatch(/COMPLETE \(isSuccessfulOutcome\)/);
    (d.states.backingOut.on!.BACKOUT_COMPLETE as TransitionJson).meta!.sets = { outcome: 'backedOut' };
    expect(validateLifecycle(d, context('change-normal')).findings.filter((f) => f.code === 'UNPINNED_VALUE')).toEqual([]);
  });

  it('checks a pinned value against the field type, and that the field is in the dictionary', () => {
    const d = v2();
    (d.states.new.on!.RESOLVE as TransitionJson).meta!.sets = { firstContactResolution: 'yes', costCentre: 'x' };
    expect(codes(d)).toEqual([
      ['$.states.new.on.RESOLVE.meta.sets.firstContactResolution', 'PIN_TYPE', 'error'],
      ['$.states.new.on.RESOLVE.meta.sets.costCentre', 'UNKNOWN_FIELD', 'error'],
    ]);
  });

  it('requires every transition of a version that names facts to name one, in PascalCase, one fact per event', () => {
    const d = v2();
    delete (d.states.new.on!.CANCEL as TransitionJson).meta!.records;
    (d.states.assigned.on!.START_WORK as TransitionJson).meta!.records = 'incident_work_started';
    (d.states.inProgress.on!.RESOLVE as TransitionJson).meta!.records = 'IncidentAssigned';
    expect(codes(d)).toEqual([
      ['$.states.new.on.CANCEL', 'MISSING_FACT_NAME', 'error'],
      ['$.states.assigned.on.START_WORK.meta.records', 'BAD_FACT_NAME', 'error'],
      ['$.states.inProgress.on.RESOLVE.meta.records', 'DUPLICATE_FACT_NAME', 'error'],
    ]);
  });

  it('reports an event whose endpoint would be a sub-resource every ticket has (comments, work-log, links, events)', () => {
    const d = v2();
    d.states.inProgress.on!.WORK_LOG = { target: 'inProgress', meta: { records: 'IncidentWorkLogRecorded' } };
    expect(codes(d)).toEqual([['$.states.inProgress.on.WORK_LOG', 'RESERVED_EVENT_NAME', 'error']]);
  });

  it('reports a field a transition requires that is not in the dictionary', () => {
    const d = v2();
    (d.states.assigned.on!.START_WORK as TransitionJson).meta!.requiredFields = ['assignee', 'costCentre'];
    expect(codes(d).map(([, code]) => code)).toContain('UNKNOWN_FIELD');
  });

  it('reports a field type that is not one of the dictionary types', () => {
    const d = v2();
    d.meta!.fields!.escalationReason = { type: { kind: 'text' }, setBy: ['update'] };
    d.meta!.fields!.flavour = { type: { kind: 'colour' }, setBy: ['update'] };
    expect(codes(d)).toEqual([
      ['$.meta.fields.escalationReason.type.maxLength', 'SCHEMA', 'error'],
      ['$.meta.fields.flavour.type', 'SCHEMA', 'error'],
    ]);
  });
});
