import type { DomainEvent } from '../envelope/event-envelope';

/** What every command carries besides its data: who asks, and when (decide reads no clock). */
export interface CommandMetadata {
  now: Date;
  actor: string;
}

export interface Command<T extends string = string, D = unknown> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}

/**
 * A process as three pure functions (BRIEF principle 2). `decide` may throw a domain error;
 * it does no I/O and reads no clock. `machineOf` names the lifecycle version a state is pinned to.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
  machineOf?(state: S): { id: string; version: number } | null;
}
