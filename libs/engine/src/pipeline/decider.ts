import type { DomainEvent } from '../envelope/event-envelope';

/** What every command carries besides its data: who asks, and when (decide reads no clock). */
export interface CommandMetadata {
  now: Date;
  actor: string;
  /** The tenant the actor acts for, once there are tenants: idempotency keys are scoped to it. */
  tenant?: string;
}

export interface Command<T extends string = string, D = unknown> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}

/**
 * How a state is folded from facts. `knows` says which facts `evolve` understands: every fold
 * the engine runs (the pipeline, its cache, its queries) skips the others, so an event a newer
 * build or another tool wrote never replaces the state (Emmett's evolve ignores them too).
 * Build it from a list with `knowsTypes(...)`, or test the event's shape.
 */
export interface Evolver<E extends DomainEvent, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  knows(event: DomainEvent): event is E;
}

/**
 * A process as three pure functions (BRIEF principle 2). `decide` may throw a domain error;
 * it does no I/O and reads no clock. `machineOf` names the lifecycle version a state is pinned to.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> extends Evolver<E, S> {
  decide(command: C, state: S): E[];
  machineOf?(state: S): { id: string; version: number } | null;
}

/** `knows` for an evolver that understands a fixed list of event types. */
export function knowsTypes<E extends DomainEvent>(types: readonly E['type'][]): (event: DomainEvent) => event is E {
  const known = new Set<string>(types);
  return (event: DomainEvent): event is E => known.has(event.type);
}
