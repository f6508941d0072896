import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMachine, getNextTransitions, initialTransition, transition } from 'xstate';
import { problemFields } from './problem.fields';

const definition = JSON.parse(readFileSync(join(__dirname, '../../../state-machines/versions/problem/2.json'), 'utf8'));
const machine = createMachine(definition);
const OPEN = Object.entries(definition.states as Record<string, { meta: { category: string } }>).filter(([, s]) => ['new', 'active', 'pending'].includes(s.meta.category)).map(([n]) => n);
const walk = (...events: string[]) => events.reduce((snap, type) => transition(machine, snap, { type })[0], initialTransition(machine)[0]).value;

describe('Problem lifecycle, version 2', () => {
  it('publishes a known error as soon as a workaround exists, before the root cause', () => expect(walk('ACCEPT', 'RECORD_WORKAROUND')).toBe('knownError'));

  it('records the root cause later on the known error, then resolves through a change', () =>
    expect(walk('ACCEPT', 'RECORD_WORKAROUND', 'IDENTIFY_ROOT_CAUSE', 'RAISE_CHANGE', 'CHANGE_IMPLEMENTED', 'CLOSE')).toBe('closed'));

  it('closes when no root cause is found, or when the risk is accepted', () => {
    expect(walk('ACCEPT', 'CLOSE_WITHOUT_ROOT_CAUSE')).toBe('closed');
    expect(walk('ACCEPT', 'IDENTIFY_ROOT_CAUSE', 'ACCEPT_RISK')).toBe('closed');
  });

  it('waits on a vendor fix from knownError', () => expect(walk('ACCEPT', 'IDENTIFY_ROOT_CAUSE', 'AWAIT_VENDOR_FIX', 'VENDOR_FIX_APPLIED')).toBe('resolved'));

  it.each(OPEN)('can be cancelled or marked duplicate from %s', (state) => {
    const snapshot = machine.resolveState({ value: state, context: {} });
    const events = getNextTransitions(snapshot).map((t) => t.eventType);
    expect(events).toEqual(expect.arrayContaining(['CANCEL', 'MARK_DUPLICATE']));
  });

  it('names the fact of every transition, one PascalCase name per event, starting with Problem', () => {
    const byEvent = new Map<string, Set<string>>();
    for (const state of Object.values(definition.states as Record<string, { on?: Record<string, { meta?: { records?: string } }> }>)) {
      for (const [event, t] of Object.entries(state.on ?? {})) byEvent.set(event, new Set([...(byEvent.get(event) ?? []), String(t.meta?.records)]));
    }
    for (const [event, names] of byEvent) {
      expect([event, names.size]).toEqual([event, 1]);
      expect([...names][0]).toMatch(/^Problem[A-Z][A-Za-z]+$/);
    }
    const facts = [...byEvent.values()].map((s) => [...s][0]);
    expect(new Set(facts).size).toBe(facts.length);
  });

  it('types every field the lifecycle names in the dictionary', () => {
    const named = new Set<string>(Object.keys(definition.meta.fields));
    for (const state of Object.values(definition.states as Record<string, { meta: { requiredFields?: string[] }; on?: Record<string, { meta?: { requiredFields?: string[]; sets?: object } }> }>)) {
      for (const f of state.meta.requiredFields ?? []) named.add(f);
      for (const t of Object.values(state.on ?? {})) [...(t.meta?.requiredFields ?? []), ...Object.keys(t.meta?.sets ?? {})].forEach((f) => named.add(f));
    }
    expect([...named].filter((f) => !(f in problemFields))).toEqual([]);
  });
});
