import type { JsonPathSegments } from './json-path';
import type { LifecycleDefinition, TransitionJson } from './lifecycle-json';

/** One transition of a definition, normalised: string shorthands and arrays flattened. */
export interface TransitionView {
  source: string;
  event: string;
  /** Position in the event's array of candidates, or null when the event has a single transition. */
  index: number | null;
  /** null for a targetless transition (the ticket stays in its state). */
  target: string | null;
  guard?: string;
  actions: string[];
  requiredFields: string[];
  /** The fact it records (`meta.records`). */
  records?: string;
  /** Values it pins (`meta.sets`). */
  sets: Record<string, unknown>;
  reenter: boolean;
  description?: string;
  /** Where the transition sits in the document. */
  path: JsonPathSegments;
}

export const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every transition of every state, in document order. Tolerates malformed parts (they are skipped). */
export function transitionsOf(definition: LifecycleDefinition): TransitionView[] {
  const views: TransitionView[] = [];
  for (const [source, state] of Object.entries(definition.states ?? {})) {
    if (!state || typeof state !== 'object' || !state.on || typeof state.on !== 'object') continue;
    for (const [event, spec] of Object.entries(state.on)) {
      const candidates = Array.isArray(spec) ? spec : [spec];
      candidates.forEach((candidate, i) => {
        const index = Array.isArray(spec) ? i : null;
        const path: JsonPathSegments = ['states', source, 'on', event, ...(index === null ? [] : [index])];
        const t: TransitionJson = typeof candidate === 'string' ? { target: candidate } : candidate && typeof candidate === 'object' ? candidate : {};
        views.push({
          source,
          event,
          index,
          target: typeof t.target === 'string' ? t.target : null,
          guard: typeof t.guard === 'string' ? t.guard : undefined,
          actions: asList(t.actions).filter((a): a is string => typeof a === 'string'),
          requiredFields: Array.isArray(t.meta?.requiredFields) ? t.meta.requiredFields.filter((f): f is string => typeof f === 'string') : [],
          records: typeof t.meta?.records === 'string' ? t.meta.records : undefined,
          sets: t.meta?.sets && typeof t.meta.sets === 'object' && !Array.isArray(t.meta.sets) ? t.meta.sets : {},
          reenter: t.reenter === true,
          description: t.description,
          path,
        });
      });
    }
  }
  return views;
}

/** The state a transition leads to: its target, or its own source when it has none. */
export const destinationOf = (t: TransitionView): string => t.target ?? t.source;

/** Event types a state handles, sorted. */
export const eventsOf = (definition: LifecycleDefinition, state: string): string[] =>
  Object.keys(definition.states[state]?.on ?? {}).sort();
