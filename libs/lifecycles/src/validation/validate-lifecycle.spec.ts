import { toDirectedGraph } from '@xstate/graph';
import { createMachine } from 'xstate';
import { destinationOf } from '../definition/transitions';
import { brokenIncident, context, PROCESSES, seed, seedText } from '../test-support/definitions';
import { LifecycleGraph } from './lifecycle-graph';
import { validateLifecycle } from './validate-lifecycle';

/** Findings of an edited seed, without the warnings the unedited seed already has. */
const newFindings = (input: unknown, process?: string) => {
  const own = (input as { id?: unknown })?.id;
  const baseline = typeof own === 'string' && PROCESSES.includes(own) ? validateLifecycle(seedText(own), context(own)).findings.map((f) => `${f.path} ${f.code}`) : [];
  return validateLifecycle(input, context(process)).findings.filter((f) => !baseline.includes(`${f.path} ${f.code}`));
};
const findingsOf = (input: unknown, process?: string) => newFindings(input, process).map((f) => [f.path, f.code]);

/** Version 1 of each process, as published before transitions named facts and values could be pinned. */
const V1_WARNINGS: Record<string, string[][]> = {
  'change-emergency': [['$.states', 'MISSING_FACT_NAME'], ['$.states.backingOut.on.BACKOUT_COMPLETE', 'UNPINNED_VALUE']],
  'change-normal': [['$.states', 'MISSING_FACT_NAME'], ['$.states.backingOut.on.BACKOUT_COMPLETE', 'UNPINNED_VALUE']],
  'change-standard': [['$.states', 'MISSING_FACT_NAME'], ['$.states.implementing.on.BACK_OUT', 'UNPINNED_VALUE']],
  incident: [['$.states.assigned.on.ASSIGN', 'SELF_TRANSITION_ENTRY'], ['$.states', 'MISSING_FACT_NAME']],
  problem: [['$.states', 'MISSING_FACT_NAME']],
  release: [['$.states', 'MISSING_FACT_NAME'], ['$.states.deploying.on.ROLL_BACK', 'UNPINNED_VALUE']],
  'service-request': [['$.states', 'MISSING_FACT_NAME']],
};

describe('Validation of the shipped lifecycles', () => {
  it.each(PROCESSES)('%s v1 has no error, and exactly the warnings of a version published before facts were named', (process) => {
    const { findings, valid } = validateLifecycle(seedText(process), context(process));
    expect(valid).toBe(true);
    expect(findings.map((f) => [f.path, f.code, f.severity])).toEqual(V1_WARNINGS[process].map(([path, code]) => [path, code, 'warning']));
  });

  it.each(PROCESSES)('%s: the graph the validator walks is the one XState builds', (process) => {
    const definition = seed(process);
    const ours = new LifecycleGraph(definition).edges.map((t) => `${t.source}>${destinationOf(t)}:${t.event}`).sort();
    const xstate = toDirectedGraph(createMachine(definition as never))
      .children.flatMap((node) => node.edges.map((e) => `${e.source.key}>${e.target.key}:${e.label.text}`))
      .sort();
    expect(ours).toEqual(xstate);
  });
});

describe('Validation: a definition with a misspelled guard, an unreachable state and a dead end', () => {
  const validated = validateLifecycle(brokenIncident(), context('incident'));
  const result = { valid: validated.valid, findings: newFindings(brokenIncident(), 'incident') };

  it('is rejected with exactly three findings, each naming its JSON path', () => {
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => [f.path, f.code])).toEqual([
      ['$.states.assigned.on.START_WORK.guard', 'UNKNOWN_GUARD'],
      ['$.states.triage', 'UNREACHABLE_STATE'],
      ['$.states.onHold', 'DEAD_END'],
    ]);
  });

  it('says what is wrong in plain words, with a suggestion for the typo', () => {
    const [guard, unreachable, deadEnd] = result.findings;
    expect(guard.message).toBe("Unknown guard 'hasAsignee': the engine has no guard by that name. Did you mean 'hasAssignee'?");
    expect(unreachable.message).toMatch(/No path leads from the initial state 'new' to 'triage'/);
    expect(deadEnd.message).toMatch(/'onHold' has no transitions and is not final/);
  });
});

describe('Validation findings', () => {
  it('reports malformed JSON with its line and column', () => {
    const result = validateLifecycle('{\n  "id": "incident",\n  "states": {,}\n}', context());
    expect(result.findings).toEqual([expect.objectContaining({ path: '$', code: 'MALFORMED_JSON', message: expect.stringContaining('line 3, column 14') })]);
  });

  it('reports a state written twice, which JSON.parse would silently drop', () => {
    const text = seedText('incident').replace('"closed": {', '"resolved": { "meta": {"category": "resolved", "sla": "stopped"}, "on": {"CLOSE": "closed"} },\n    "closed": {');
    expect(findingsOf(text)).toContainEqual(['$.states.resolved', 'DUPLICATE_KEY']);
  });

  it('reports schema errors where they are', () => {
    const d = seed('incident') as unknown as Record<string, Record<string, Record<string, unknown>>>;
    d.states.new.meta = { category: 'open', sla: 'ticking' };
    d.states.assigned.after = { 1000: 'new' };
    d.states.inProgress.on = { ...(d.states.inProgress.on as object), ESCALATE: { target: 'assigned', priority: 1 } };
    d.context = {};
    expect(findingsOf(d)).toEqual([
      ['$.context', 'SCHEMA'],
      ['$.states.new.meta.category', 'SCHEMA'],
      ['$.states.new.meta.sla', 'SCHEMA'],
      ['$.states.assigned.after', 'SCHEMA'],
      ['$.states.inProgress.on.ESCALATE.priority', 'SCHEMA'],
    ]);
  });

  it('reports a missing and an unknown initial state', () => {
    const missing = seed('incident') as Partial<ReturnType<typeof seed>>;
    delete missing.initial;
    expect(findingsOf(missing)).toEqual([['$.initial', 'MISSING_INITIAL']]);
    expect(findingsOf({ ...seed('incident'), initial: 'nwe' })).toEqual([['$.initial', 'UNKNOWN_INITIAL']]);
  });

  it('reports unknown targets, unknown actions and duplicate state ids', () => {
    const d = seed('incident');
    d.states.new.on!.ASSIGN = { target: 'asigned', guard: 'hasAssignmentGroup' };
    d.states.resolved.entry = ['scheduleAutoClose', 'sendSms'];
    d.states.closed.id = 'done';
    d.states.cancelled.id = 'done';
    const findings = newFindings(d, 'incident');
    expect(findings.map((f) => [f.path, f.code])).toEqual([
      ['$.states.cancelled.id', 'DUPLICATE_ID'],
      ['$.states.new.on.ASSIGN.target', 'UNKNOWN_TARGET'],
      ['$.states.resolved.entry[1]', 'UNKNOWN_ACTION'],
      ['$.states', 'GRAPH_NOT_CHECKED'],
    ]);
    expect(findings[1].message).toContain("Did you mean 'assigned'?");
  });

  it('reports a final state that is neither closed nor cancelled, and one whose clock runs', () => {
    const d = seed('incident');
    d.states.closed.meta = { category: 'resolved', sla: 'running' };
    expect(findingsOf(d)).toEqual([
      ['$.states.closed.meta.category', 'FINAL_CATEGORY'],
      ['$.states.closed.meta.sla', 'FINAL_SLA'],
    ]);
  });

  it('reports a required field no command sets, and one set only after it is needed', () => {
    const d = seed('incident');
    d.states.assigned.meta!.requiredFields = ['assignmentGroup', 'costCentre'];
    d.states.resolved.meta!.requiredFields = ['resolutionCode', 'cancellationReason'];
    const findings = newFindings(d, 'incident');
    expect(findings.map((f) => [f.path, f.code])).toEqual([
      ['$.states.assigned.meta.requiredFields[1]', 'UNSETTABLE_FIELD'],
      ['$.states.resolved.meta.requiredFields[1]', 'UNSETTABLE_FIELD'],
    ]);
    expect(findings[1].message).toBe("'cancellationReason' is required to enter 'resolved' but none of the commands that set it (CANCEL) can happen before then.");
  });

  it('reports a field dictionary naming an event the lifecycle does not have', () => {
    const d = seed('incident');
    d.meta!.fields!.assignee.setBy = ['ASSIGN', 'TAKE'];
    expect(findingsOf(d)).toEqual([['$.meta.fields.assignee.setBy[1]', 'UNKNOWN_FIELD_EVENT']]);
  });

  it('reports a definition for another process', () => {
    expect(findingsOf(seed('problem'), 'incident')).toEqual([['$.id', 'PROCESS_MISMATCH']]);
  });

  it('uses bracket paths for names that are not identifiers', () => {
    const d = seed('incident');
    d.states.inProgress.on!['NEEDS-INFO'] = { target: 'awaitingCaler' };
    expect(findingsOf(d)[0]).toEqual(["$.states.inProgress.on['NEEDS-INFO'].target", 'UNKNOWN_TARGET']);
  });
});
