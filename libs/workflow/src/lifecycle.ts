import { createMachine, getNextTransitions, transition, type AnyStateMachine } from 'xstate';
import type { GuardRegistry } from './guard-registry';
import type { LifecycleVersion, StateConfigJson, StateMeta } from './lifecycle-definition';
import { TransitionNotAllowedError } from './workflow.errors';

export interface WorkflowEvent {
  type: string;
  [field: string]: unknown;
}

export interface TransitionOutcome {
  from: string;
  to: string;
  event: string;
}

/**
 * One version of one lifecycle, ready to answer "may this event happen now, and where does it
 * lead?" purely: (state, event, ticket fields) -> next state, without a running actor per ticket
 * and without running actions. XState evaluates; this class only translates its answers.
 */
export class Lifecycle {
  private readonly machine: AnyStateMachine;

  constructor(
    readonly version: LifecycleVersion,
    guards: GuardRegistry,
  ) {
    const used = guardNamesOf(version);
    const missing = used.filter((name) => !guards[name]);
    if (missing.length > 0) throw new Error(`${version.machineId}: unknown guard(s) ${missing.join(', ')}`);
    const implementations = Object.fromEntries(used.map((name) => [name, guards[name]]));
    // The JSON is a plain XState config; guards are supplied by name, as XState intends.
    this.machine = createMachine(version.config as never).provide({ guards: implementations as never });
  }

  get machineId(): string {
    return this.version.machineId;
  }

  get initialState(): string {
    return this.version.config.initial;
  }

  stateConfig(state: string): StateConfigJson | undefined {
    return this.version.config.states[state];
  }

  meta(state: string): StateMeta | undefined {
    return this.stateConfig(state)?.meta;
  }

  isFinal(state: string): boolean {
    return this.stateConfig(state)?.type === 'final';
  }

  /** Event types the state has transitions for, whatever their guards say. */
  allowedEvents(state: string): string[] {
    const snapshot = this.snapshotAt(state, {});
    return [...new Set(getNextTransitions(snapshot).map((t) => t.eventType))].sort();
  }

  /** Throws TransitionNotAllowedError naming the allowed events or the guards that refused. */
  evaluate(state: string, event: WorkflowEvent, context: Record<string, unknown>): TransitionOutcome {
    const snapshot = this.snapshotAt(state, context);
    const candidates = getNextTransitions(snapshot).filter((t) => t.eventType === event.type);
    if (candidates.length === 0) {
      throw new TransitionNotAllowedError(this.machineId, state, event.type, this.allowedEvents(state));
    }
    if (!snapshot.can(event)) {
      const failed = candidates.map((t) => guardName(t.guard)).filter((name): name is string => name !== undefined);
      throw new TransitionNotAllowedError(this.machineId, state, event.type, this.allowedEvents(state), [...new Set(failed)]);
    }
    const [next] = transition(this.machine, snapshot, event);
    return { from: state, to: String(next.value), event: event.type };
  }

  private snapshotAt(state: string, context: Record<string, unknown>) {
    if (!this.stateConfig(state)) throw new Error(`${this.machineId} v${this.version.version} has no state '${state}'`);
    return this.machine.resolveState({ value: state, context });
  }
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return undefined;
}

/** Every guard name referenced by the definition. */
export function guardNamesOf(version: LifecycleVersion): string[] {
  const names = new Set<string>();
  for (const state of Object.values(version.config.states)) {
    for (const spec of Object.values(state.on ?? {})) {
      for (const t of Array.isArray(spec) ? spec : [spec]) {
        if (typeof t === 'object' && t.guard) names.add(t.guard);
      }
    }
  }
  return [...names].sort();
}
