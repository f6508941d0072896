import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { destinationOf, transitionsOf, type TransitionView } from '../definition/transitions';

export interface LaidOutNode {
  state: string;
  layer: number;
  order: number;
  x: number;
  y: number;
}

/**
 * An arrow between two states. `adjacent`: one layer down, drawn straight; `long`: further down,
 * drawn in a lane on the left; `back`: up or sideways, in a lane on the right; `self`: a loop.
 * `fanIn`: the same event and guard from many states into one (e.g. CANCEL), drawn once.
 */
export interface LaidOutEdge {
  source: string;
  target: string;
  labels: string[];
  kind: 'adjacent' | 'long' | 'back' | 'self' | 'fanIn';
  sources?: string[];
}

export interface Layout {
  nodes: Map<string, LaidOutNode>;
  edges: LaidOutEdge[];
  layers: number;
  /** Left edge of the node area (lanes for long edges are to its left). */
  left: number;
  width: number;
  height: number;
}

export const NODE_W = 168;
export const NODE_H = 46;
export const GAP_Y = 92;
const GAP_X = 70;
const MARGIN = 28;
export const LANE = 20;
const FAN_IN = 3;

const labelOf = (t: TransitionView) => (t.guard ? `${t.event} [${t.guard}]` : t.event);

/**
 * A simple layered layout. Layers: longest path from the initial state once back edges (found
 * depth-first) are set aside, final states together on the last layer, unreachable ones below.
 * Within a layer, states are ordered by the mean position of their predecessors.
 */
export function layOut(definition: LifecycleDefinition): Layout {
  const states = Object.keys(definition.states);
  const transitions = transitionsOf(definition).filter((t) => definition.states[destinationOf(t)]);
  const isFinal = (s: string) => definition.states[s].type === 'final';
  const forward = forwardEdges(definition.initial, states, transitions);

  const layer = new Map<string, number>();
  if (definition.states[definition.initial]) layer.set(definition.initial, 0);
  for (let changed = true, guard = 0; changed && guard < states.length + 1; guard++) {
    changed = false;
    for (const t of forward) {
      const from = layer.get(t.source);
      const to = destinationOf(t);
      if (from !== undefined && !isFinal(to) && (layer.get(to) ?? -1) < from + 1) {
        layer.set(to, from + 1);
        changed = true;
      }
    }
  }
  const inner = Math.max(0, ...[...layer.entries()].filter(([s]) => !isFinal(s)).map(([, l]) => l));
  const reachable = reachableFrom(definition.initial, transitions);
  const layerOf = (s: string) => (!reachable.has(s) ? inner + 2 : isFinal(s) ? inner + 1 : layer.get(s)!);
  const rows: string[][] = [];
  for (const s of states) (rows[layerOf(s)] ??= []).push(s);
  const filled = rows.filter((l) => l && l.length > 0);

  const position = new Map<string, number>();
  filled.forEach((row) => row.forEach((s, i) => position.set(s, i)));
  for (let sweep = 0; sweep < 2; sweep++) {
    filled.forEach((row, li) => {
      if (li === 0) return;
      const earlier = new Set(filled.slice(0, li).flat());
      const score = (s: string) => {
        const preds = transitions.filter((t) => destinationOf(t) === s && earlier.has(t.source));
        return preds.length ? preds.reduce((sum, t) => sum + position.get(t.source)!, 0) / preds.length : position.get(s)!;
      };
      const scores = new Map(row.map((s) => [s, score(s)]));
      row.sort((a, b) => scores.get(a)! - scores.get(b)!);
      row.forEach((s, i) => position.set(s, i));
    });
  }

  // Group edges: one arrow per (source, target), one fan-in arrow per (label, target) from many states.
  const fanInKey = (t: TransitionView) => `${labelOf(t)}->${destinationOf(t)}`;
  const fanInCount = new Map<string, Set<string>>();
  for (const t of transitions) if (t.source !== destinationOf(t)) fanInCount.set(fanInKey(t), (fanInCount.get(fanInKey(t)) ?? new Set()).add(t.source));
  const rowOf = new Map<string, number>();
  filled.forEach((row, li) => row.forEach((s) => rowOf.set(s, li)));
  const edges = new Map<string, LaidOutEdge>();
  for (const t of transitions) {
    const target = destinationOf(t);
    const sources = fanInCount.get(fanInKey(t));
    if (sources && sources.size >= FAN_IN && t.source !== target) {
      const key = `fan:${fanInKey(t)}`;
      if (!edges.has(key)) edges.set(key, { source: t.source, target, labels: [labelOf(t)], kind: 'fanIn', sources: [...sources] });
      continue;
    }
    const span = rowOf.get(target)! - rowOf.get(t.source)!;
    const kind = t.source === target ? 'self' : span === 1 ? 'adjacent' : span > 1 ? 'long' : 'back';
    const key = `${t.source}->${target}`;
    const edge = edges.get(key) ?? { source: t.source, target, labels: [], kind };
    edge.labels.push(labelOf(t));
    edges.set(key, edge);
  }
  const all = [...edges.values()];
  const longLanes = all.filter((e) => e.kind === 'long').length;
  const backLanes = all.filter((e) => e.kind === 'back').length;

  const labelW = (kind: LaidOutEdge['kind']) => Math.max(0, ...all.filter((e) => e.kind === kind).flatMap((e) => e.labels.map((l) => l.length * 5.7 + 12)));
  const widest = Math.max(...filled.map((l) => l.length));
  const contentW = widest * NODE_W + (widest - 1) * GAP_X;
  const left = MARGIN + labelW('long') + longLanes * LANE + 40;
  const nodes = new Map<string, LaidOutNode>();
  filled.forEach((row, li) => {
    const rowW = row.length * NODE_W + (row.length - 1) * GAP_X;
    const x0 = left + (contentW - rowW) / 2;
    row.forEach((state, order) => nodes.set(state, { state, layer: li, order, x: x0 + order * (NODE_W + GAP_X), y: MARGIN + 40 + li * (NODE_H + GAP_Y) }));
  });
  return {
    nodes,
    edges: all,
    layers: filled.length,
    left,
    width: left + contentW + 50 + backLanes * LANE + Math.max(labelW('back'), labelW('self') + 30) + MARGIN,
    height: MARGIN + 40 + filled.length * (NODE_H + GAP_Y) - GAP_Y + 30,
  };
}

/** Transitions that are not back edges of a depth-first walk from the initial state. */
function forwardEdges(initial: string, states: string[], transitions: TransitionView[]): TransitionView[] {
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<TransitionView>();
  const visit = (s: string) => {
    state.set(s, 'open');
    for (const t of transitions.filter((x) => x.source === s)) {
      const d = destinationOf(t);
      if (state.get(d) === 'open') back.add(t);
      else if (!state.has(d)) visit(d);
    }
    state.set(s, 'done');
  };
  if (states.includes(initial)) visit(initial);
  return transitions.filter((t) => !back.has(t) && t.source !== destinationOf(t));
}

function reachableFrom(initial: string, transitions: TransitionView[]): Set<string> {
  const seen = new Set([initial]);
  const queue = [initial];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of transitions) if (t.source === s && !seen.has(destinationOf(t))) queue.push(seen.add(destinationOf(t)) && destinationOf(t));
  }
  return seen;
}
