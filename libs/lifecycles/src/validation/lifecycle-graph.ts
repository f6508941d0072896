import { destinationOf, transitionsOf, type TransitionView } from '../definition/transitions';
import { takeable } from './transition-semantics';
import type { LifecycleDefinition } from '../definition/lifecycle-json';

/**
 * The definition as a directed graph of states, guard-blind: every transition counts as
 * possible, since guards depend on ticket data, except a candidate XState never takes (shadowed
 * by an earlier unguarded one). Flat machines only (targets are sibling names).
 */
export class LifecycleGraph {
  readonly states: string[];
  readonly edges: TransitionView[];
  private readonly out = new Map<string, TransitionView[]>();
  private readonly into = new Map<string, TransitionView[]>();

  constructor(readonly definition: LifecycleDefinition) {
    this.states = Object.keys(definition.states ?? {});
    this.edges = takeable(transitionsOf(definition)).filter((t) => this.has(destinationOf(t)));
    for (const s of this.states) {
      this.out.set(s, []);
      this.into.set(s, []);
    }
    for (const e of this.edges) {
      this.out.get(e.source)?.push(e);
      this.into.get(destinationOf(e))?.push(e);
    }
  }

  has(state: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.definition.states ?? {}, state);
  }

  isFinal(state: string): boolean {
    return this.definition.states[state]?.type === 'final';
  }

  outgoing(state: string): TransitionView[] {
    return this.out.get(state) ?? [];
  }

  /** States reachable from `from` (itself included). */
  reachableFrom(from: string): Set<string> {
    return this.walk([from], (s) => this.outgoing(s).map(destinationOf));
  }

  /** States from which `to` can be reached (itself included). */
  reaching(targets: string[]): Set<string> {
    return this.walk(targets, (s) => (this.into.get(s) ?? []).map((e) => e.source));
  }

  /** States from which some final state can be reached. */
  canFinish(): Set<string> {
    return this.reaching(this.states.filter((s) => this.isFinal(s)));
  }

  /**
   * Transitions that can happen on some path from the initial state up to entering `state`:
   * their source is reachable and `state` is reachable from their destination.
   */
  transitionsBefore(state: string, initial: string): TransitionView[] {
    const reachable = this.reachableFrom(initial);
    const leadsThere = this.reaching([state]);
    return this.edges.filter((e) => reachable.has(e.source) && leadsThere.has(destinationOf(e)));
  }

  private walk(start: string[], next: (state: string) => string[]): Set<string> {
    const seen = new Set(start.filter((s) => this.has(s)));
    const queue = [...seen];
    while (queue.length > 0) {
      for (const n of next(queue.shift()!)) {
        if (!seen.has(n) && this.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return seen;
  }
}
