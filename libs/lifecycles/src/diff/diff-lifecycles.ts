import { canonicalJson } from '@itil/engine';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { asList, destinationOf, transitionsOf, type TransitionView } from '../definition/transitions';

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TransitionRef {
  source: string;
  event: string;
  target: string;
  guard: string | null;
}

export interface LifecycleDiff {
  from: string;
  to: string;
  identical: boolean;
  initial: Change | null;
  states: { added: string[]; removed: string[]; changed: { state: string; changes: Change[] }[] };
  transitions: { added: TransitionRef[]; removed: TransitionRef[]; changed: (TransitionRef & { changes: Change[] })[] };
  fields: { added: string[]; removed: string[]; changed: { field: string; changes: Change[] }[] };
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function changes(pairs: [string, unknown, unknown][]): Change[] {
  return pairs.filter(([, a, b]) => !same(a, b)).map(([field, before, after]) => ({ field, before: before ?? null, after: after ?? null }));
}

/** Transitions keyed by source, event and destination (plus an occurrence count for repeats). */
function keyed(definition: LifecycleDefinition): Map<string, TransitionView> {
  const map = new Map<string, TransitionView>();
  for (const t of transitionsOf(definition)) {
    let n = 0;
    while (map.has(`${t.source}|${t.event}|${destinationOf(t)}|${n}`)) n++;
    map.set(`${t.source}|${t.event}|${destinationOf(t)}|${n}`, t);
  }
  return map;
}

const ref = (t: TransitionView): TransitionRef => ({ source: t.source, event: t.event, target: destinationOf(t), guard: t.guard ?? null });

/** What changed from one lifecycle version (or draft) to another: states, transitions, guards, meta and fields. */
export function diffLifecycles(a: LifecycleDefinition, b: LifecycleDefinition, labels: { from: string; to: string } = { from: 'a', to: 'b' }): LifecycleDiff {
  const statesA = Object.keys(a.states);
  const statesB = Object.keys(b.states);
  const changedStates = statesA
    .filter((s) => b.states[s])
    .map((state) => {
      const x = a.states[state];
      const y = b.states[state];
      return {
        state,
        changes: changes([
          ['type', x.type, y.type],
          ['meta.category', x.meta?.category, y.meta?.category],
          ['meta.sla', x.meta?.sla, y.meta?.sla],
          ['meta.requiredFields', x.meta?.requiredFields ?? [], y.meta?.requiredFields ?? []],
          ['entry', asList(x.entry), asList(y.entry)],
          ['exit', asList(x.exit), asList(y.exit)],
          ['description', x.description, y.description],
        ]),
      };
    })
    .filter((s) => s.changes.length > 0);

  const ta = keyed(a);
  const tb = keyed(b);
  const changedTransitions = [...ta.entries()]
    .filter(([key]) => tb.has(key))
    .map(([key, x]) => {
      const y = tb.get(key)!;
      return { ...ref(y), changes: changes([
        ['guard', x.guard, y.guard],
        ['actions', x.actions, y.actions],
        ['meta.requiredFields', x.requiredFields, y.requiredFields],
        ['description', x.description, y.description],
      ]) };
    })
    .filter((t) => t.changes.length > 0);

  const fa = a.meta?.fields ?? {};
  const fb = b.meta?.fields ?? {};
  const diff: LifecycleDiff = {
    from: labels.from,
    to: labels.to,
    identical: same(a, b),
    initial: same(a.initial, b.initial) ? null : { field: 'initial', before: a.initial, after: b.initial },
    states: { added: statesB.filter((s) => !a.states[s]), removed: statesA.filter((s) => !b.states[s]), changed: changedStates },
    transitions: {
      added: [...tb.entries()].filter(([k]) => !ta.has(k)).map(([, t]) => ref(t)),
      removed: [...ta.entries()].filter(([k]) => !tb.has(k)).map(([, t]) => ref(t)),
      changed: changedTransitions,
    },
    fields: {
      added: Object.keys(fb).filter((f) => !fa[f]),
      removed: Object.keys(fa).filter((f) => !fb[f]),
      changed: Object.keys(fa)
        .filter((f) => fb[f])
        .map((field) => ({ field, changes: changes([['setBy', fa[field].setBy, fb[field].setBy], ['description', fa[field].description, fb[field].description]]) }))
        .filter((f) => f.changes.length > 0),
    },
  };
  return diff;
}

const show = (v: unknown) => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
const arrow = (t: TransitionRef) => `${t.source} --${t.event}--> ${t.target}${t.guard ? ` [${t.guard}]` : ''}`;

export function formatDiff(d: LifecycleDiff): string {
  if (d.identical) return `${d.from} and ${d.to} are identical.`;
  const lines = [`Changes from ${d.from} to ${d.to}:`];
  if (d.initial) lines.push(`~ initial state: ${show(d.initial.before)} -> ${show(d.initial.after)}`);
  for (const s of d.states.added) lines.push(`+ state ${s}`);
  for (const s of d.states.removed) lines.push(`- state ${s}`);
  for (const s of d.states.changed) for (const c of s.changes) lines.push(`~ state ${s.state} ${c.field}: ${show(c.before)} -> ${show(c.after)}`);
  for (const t of d.transitions.added) lines.push(`+ transition ${arrow(t)}`);
  for (const t of d.transitions.removed) lines.push(`- transition ${arrow(t)}`);
  for (const t of d.transitions.changed) for (const c of t.changes) lines.push(`~ transition ${t.source} --${t.event}--> ${t.target} ${c.field}: ${show(c.before)} -> ${show(c.after)}`);
  for (const f of d.fields.added) lines.push(`+ field ${f}`);
  for (const f of d.fields.removed) lines.push(`- field ${f}`);
  for (const f of d.fields.changed) for (const c of f.changes) lines.push(`~ field ${f.field} ${c.field}: ${show(c.before)} -> ${show(c.after)}`);
  if (lines.length === 1) lines.push('~ descriptions or formatting only');
  return lines.join('\n');
}
