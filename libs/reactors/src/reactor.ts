import type { Command, Decider, StoredEvent } from '@itil/engine';
import type { AllFilter } from '@itil/event-store';

/**
 * A policy that acts on facts from other streams (ITIL automation: a problem resolved through a
 * change resolves its incidents). It reads, never writes: it answers with the commands it wants,
 * and the runner sends them through the command pipeline with deterministic idempotency keys,
 * so a restart, a crash or a second runner never acts twice on one event.
 */
export interface Reaction {
  streamId: string;
  decider: Decider<Command, never, unknown>;
  /** The command without metadata: the runner adds the actor (the policy) and the time. */
  command: Omit<Command, 'metadata'>;
  /**
   * Who the reaction acts as, when not the reactor itself (`policy:<name>`): an automation rule
   * acts as the rule version that matched (`rule:<id>@<version>`). Derived from the log, so the
   * same on every run: the idempotency key is scoped to the actor.
   */
  actor?: string;
}

export interface ReactorContext {
  /** A stream folded for reading (the same total fold and upcasting as commands get). */
  readState<S>(decider: Decider<Command, never, S>, streamId: string): Promise<{ state: S; revision: bigint }>;
}

export interface Reactor {
  /** Stable name: the actor is `policy:<name>` and the checkpoint stream `reactor-<name>`. */
  name: string;
  /** Events it is shown (a server-side filter on `$all`). */
  filter: AllFilter;
  react(event: StoredEvent, context: ReactorContext): Promise<Reaction[]> | Reaction[];
}

/** What happened to one reaction: the runner records it for status and logs. */
export type ReactionOutcome =
  | { outcome: 'written'; streamId: string; events: number }
  | { outcome: 'already-done'; streamId: string }
  | { outcome: 'refused'; streamId: string; code: string; message: string };
