import type { MachineConfigJson } from './lifecycle-definition';

/** One transition of a state for one event type, in the order the definition lists them. */
export interface TableTransition {
  target: string | undefined;
  guard: string | undefined;
  /** Whether the transition names actions: XState's `can` answers no for one with neither target nor actions. */
  hasActions: boolean;
}

/** state -> event type -> candidate transitions, in definition order. */
export type TransitionTable = ReadonlyMap<string, ReadonlyMap<string, readonly TableTransition[]>>;

const STATE_KEYS_THE_TABLE_KNOWS = new Set(['type', 'on', 'meta', 'description', 'entry', 'exit', 'tags']);
const TRANSITION_KEYS_THE_TABLE_KNOWS = new Set(['target', 'guard', 'meta', 'description', 'actions', 'reenter']);

/**
 * The lifecycle's transitions as a table, built once per version, so that deciding a command is
 * a map lookup and its guards instead of resolving an XState snapshot and computing its
 * transitions. Only for what a table answers exactly as XState does: flat machines (no nested,
 * parallel or history states, no eventless or delayed transitions, no wildcard events), targets
 * naming sibling states, guards named by string. Anything else: undefined, and the lifecycle asks
 * XState every time. lifecycle-table.spec.ts checks both answer alike on every shipped machine.
 */
export function transitionTableOf(config: MachineConfigJson): TransitionTable | undefined {
  const raw = config as unknown as Record<string, unknown>;
  if (raw.on !== undefined || raw.always !== undefined || raw.type !== undefined) return undefined;
  const table = new Map<string, Map<string, TableTransition[]>>();
  for (const [name, state] of Object.entries(config.states)) {
    if (Object.keys(state).some((key) => !STATE_KEYS_THE_TABLE_KNOWS.has(key))) return undefined;
    if (state.type !== undefined && state.type !== 'final') return undefined;
    const byEvent = new Map<string, TableTransition[]>();
    for (const [event, spec] of Object.entries(state.on ?? {})) {
      if (event.includes('*') || event.includes('.') || event === '') return undefined;
      const transitions: TableTransition[] = [];
      for (const t of Array.isArray(spec) ? spec : [spec]) {
        if (typeof t === 'string') {
          if (!(t in config.states)) return undefined;
          transitions.push({ target: t, guard: undefined, hasActions: false });
          continue;
        }
        if (!t || typeof t !== 'object') return undefined;
        if (Object.keys(t).some((key) => !TRANSITION_KEYS_THE_TABLE_KNOWS.has(key))) return undefined;
        if (t.target !== undefined && (typeof t.target !== 'string' || !(t.target in config.states))) return undefined;
        if (t.guard !== undefined && typeof t.guard !== 'string') return undefined;
        const actions = (t as { actions?: unknown }).actions;
        transitions.push({ target: t.target, guard: t.guard, hasActions: Array.isArray(actions) ? actions.length > 0 : actions !== undefined });
      }
      if (transitions.length > 0) byEvent.set(event, transitions);
    }
    table.set(name, byEvent);
  }
  return table;
}
