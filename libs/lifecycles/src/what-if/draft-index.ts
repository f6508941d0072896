import type { Guard, GuardRegistry } from '@itil/workflow';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { destinationOf, type TransitionView } from '../definition/transitions';
import { LifecycleGraph } from '../validation/lifecycle-graph';

/** A definition indexed for replay: state -> event -> candidate transitions, in document order. */
export class DraftIndex {
  private readonly byState = new Map<string, Map<string, TransitionView[]>>();
  readonly finals: Set<string>;
  readonly canFinish: Set<string>;
  readonly initial: string;

  constructor(readonly definition: LifecycleDefinition) {
    const graph = new LifecycleGraph(definition);
    for (const state of graph.states) this.byState.set(state, new Map());
    for (const t of graph.edges) {
      const events = this.byState.get(t.source)!;
      events.set(t.event, [...(events.get(t.event) ?? []), t]);
    }
    this.finals = new Set(graph.states.filter((s) => graph.isFinal(s)));
    this.canFinish = graph.canFinish();
    this.initial = definition.initial;
  }

  hasState(state: string): boolean {
    return this.byState.has(state);
  }

  candidates(state: string, event: string): TransitionView[] {
    return this.byState.get(state)?.get(event) ?? [];
  }

  events(state: string): string[] {
    return [...(this.byState.get(state)?.keys() ?? [])].sort();
  }

  /**
   * The candidate XState would take, given guards that can be judged: the first whose guard
   * passes (or has none). Guards the registry lacks count as passing.
   */
  chosen(state: string, event: string, guards: GuardRegistry, input: Parameters<Guard>[0]): TransitionView | undefined {
    return this.candidates(state, event).find((t) => {
      const guard = t.guard ? guards[t.guard] : undefined;
      return !guard || guard(input);
    });
  }
}

export const targetsOf = (candidates: TransitionView[]): string[] => [...new Set(candidates.map(destinationOf))];
