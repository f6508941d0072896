import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMachine, initialTransition, transition } from 'xstate';
import { serviceRequestFields } from './service-request.fields';
import { serviceRequestGuards } from './service-request.guards';

const definition = JSON.parse(readFileSync(join(__dirname, '../../../state-machines/versions/service-request/2.json'), 'utf8'));
type Ctx = Record<string, unknown>;
const guards = Object.fromEntries(Object.entries(serviceRequestGuards).map(([name, g]) => [name, ({ context, event }: { context: Ctx; event: Ctx }) => g({ context, event } as never)]));
const machine = createMachine({ ...definition, context: ({ input }: { input: Ctx }) => input ?? {} }).provide({ guards } as never);
function walk(context: Ctx, ...events: Ctx[]): string {
  let snap = initialTransition(machine, context)[0];
  for (const event of events) snap = transition(machine, snap, event as never)[0];
  return String(snap.value);
}

describe('Service request lifecycle, version 2', () => {
  it('asks for more information during approval, and resumes approval on the answer', () =>
    expect(walk({ approvalRequired: true }, { type: 'ROUTE' }, { type: 'REQUEST_INFO' }, { type: 'PROVIDE_INFO' }, { type: 'APPROVE' })).toBe('inFulfilment'));

  it('goes straight to fulfilment when the item is pre-approved', () => expect(walk({ approvalRequired: false }, { type: 'ROUTE' })).toBe('inFulfilment'));

  it('is fulfilled only when no task is open (guard allTasksDone)', () => {
    expect(walk({ approvalRequired: false, openTasks: 1 }, { type: 'ROUTE' }, { type: 'FULFIL', fulfilmentNotes: 'done' })).toBe('inFulfilment');
    expect(walk({ approvalRequired: false, openTasks: 0 }, { type: 'ROUTE' }, { type: 'FULFIL', fulfilmentNotes: 'done' }, { type: 'CLOSE' })).toBe('closed');
  });

  it('closes incomplete or skipped', () => {
    expect(walk({ approvalRequired: true }, { type: 'ROUTE' }, { type: 'REQUEST_INFO' }, { type: 'CLOSE_INCOMPLETE' })).toBe('closedIncomplete');
    expect(walk({ approvalRequired: false }, { type: 'ROUTE' }, { type: 'CLOSE_SKIPPED' })).toBe('closedSkipped');
  });

  it('pins the outcome of each way of closing, and types every field the lifecycle names', () => {
    const closing = Object.values(definition.states as Record<string, { on?: Record<string, { meta?: { sets?: { outcome?: string } } }> }>).flatMap((s) => Object.entries(s.on ?? {}).filter(([, t]) => t.meta?.sets));
    expect(new Set(closing.map(([e, t]) => `${e}=${t.meta!.sets!.outcome}`))).toEqual(new Set(['CLOSE=complete', 'CLOSE_INCOMPLETE=incomplete', 'CLOSE_SKIPPED=skipped']));
    expect(Object.keys(definition.meta.fields).filter((f) => !(f in serviceRequestFields))).toEqual([]);
  });
});
