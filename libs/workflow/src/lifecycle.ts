import { createMachine, getNextTransitions, transition, type AnyStateMachine } from 'xstate';
import { isFilled, type GuardRegistry } from './guard-registry';
import type { LifecycleVersion, StateConfigJson, StateMeta } from './lifecycle-definition';
import { transitionTableOf, type TableTransition, type TransitionTable } from './transition-table';
import { TransitionNotAllowedError } from './workflow.errors';

export interface WorkflowEvent {
  type: string;
  [field: string]: unknown;
}

export interface TransitionOutcome {
  from: string;
  to: string;
  event: string;
  /** Fields the ticket must have once moved: the target state's and the transition's `requiredFields`. */
  requiredFields: string[];
}

/**
 * One version of one lifecycle, ready to answer "may this event happen now, and where does it
 * lead?" purely: (state, event, ticket fields) -> next state, without a running actor per ticket
 * and without running actions. XState evaluates; this class only translates its answers.
 */
export interface LifecycleOptions {
  /** Answer from the transition table when the machine allows one (default); false: ask XState every time (tests compare the two). */
  table?: boolean;
}

export class Lifecycle {
  private readonly machine: AnyStateMachine;
  /** Built once per version (see transition-table.ts); undefined: XState answers every command. */
  private readonly table: TransitionTable | undefined;
  private readonly guards: GuardRegistry;

  constructor(
    readonly version: LifecycleVersion,
    guards: GuardRegistry,
    options: LifecycleOptions = {},
  ) {
    const used = guardNamesOf(version);
    const missing = used.filter((name) => !guards[name]);
    if (missing.length > 0) throw new Error(`${version.machineId}: unknown guard(s) ${missing.join(', ')}`);
    const implementations = Object.fromEntries(used.map((name) => [name, guards[name]]));
    // The JSON is a plain XState config; guards are supplied by name, as XState intends.
    this.machine = createMachine(version.config as never).provide({ guards: implementations as never });
    this.guards = implementations;
    this.table = options.table === false ? undefined : transitionTableOf(version.config);
  }

  /** Whether commands are decided from the precomputed table (true for every shipped machine). */
  get tabulated(): boolean {
    return this.table !== undefined;
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
    if (this.table) return [...this.tableRow(state).keys()].sort();
    const snapshot = this.snapshotAt(state, {});
    return [...new Set(getNextTransitions(snapshot).map((t) => t.eventType))].sort();
  }

  /** Throws TransitionNotAllowedError naming the allowed events or the guards that refused. */
  evaluate(state: string, event: WorkflowEvent, context: Record<string, unknown>): TransitionOutcome {
    if (this.table) return this.evaluateFromTable(state, event, context);
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
    const to = String(next.value);
    return { from: state, to, event: event.type, requiredFields: this.requiredFields(state, event.type, to) };
  }

  /**
   * Refuses a move that would leave the ticket without a field its new state or the transition
   * requires. Checked on the ticket as it will be after the move, so a command may set the field.
   */
  requireFields(outcome: TransitionOutcome, ticketAfter: Record<string, unknown>): void {
    const missing = outcome.requiredFields.filter((field) => !isFilled(ticketAfter[field]));
    if (missing.length > 0) {
      throw new TransitionNotAllowedError(this.machineId, outcome.from, outcome.event, this.allowedEvents(outcome.from), [], missing);
    }
  }

  private requiredFields(from: string, eventType: string, to: string): string[] {
    const spec = this.stateConfig(from)?.on?.[eventType];
    const taken = (Array.isArray(spec) ? spec : [spec]).find((t) => (typeof t === 'string' ? t : t?.target) === to);
    const onTransition = typeof taken === 'object' ? (taken.meta?.requiredFields ?? []) : [];
    return [...new Set([...(this.meta(to)?.requiredFields ?? []), ...onTransition])];
  }

  /** What XState answers for a flat machine, read from the table: the first candidate whose guard passes. */
  private evaluateFromTable(state: string, event: WorkflowEvent, context: Record<string, unknown>): TransitionOutcome {
    const candidates = this.tableRow(state).get(event.type);
    if (!candidates) throw new TransitionNotAllowedError(this.machineId, state, event.type, this.allowedEvents(state));
    const taken = candidates.find((t) => t.guard === undefined || this.guards[t.guard]({ context, event }));
    // As XState's `can`: a transition with neither target nor actions does not count as allowed.
    if (!taken || (taken.target === undefined && !taken.hasActions)) {
      const failed = candidates.map((t: TableTransition) => t.guard).filter((name): name is string => name !== undefined);
      throw new TransitionNotAllowedError(this.machineId, state, event.type, this.allowedEvents(state), [...new Set(failed)]);
    }
    const to = taken.target ?? state;
    return { from: state, to, event: event.type, requiredFields: this.requiredFields(state, event.type, to) };
  }

  private tableRow(state: string): ReadonlyMap<string, readonly TableTransition[]> {
    const row = this.table!.get(state);
    if (!row) throw new Error(`${this.machineId} v${this.version.version} has no state '${state}'`);
    return row;
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
