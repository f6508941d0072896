import type { JsonValue } from '@itil/event-store';
import type { FieldDictionary } from '../fields/field-types';
import type { ReferenceQuery, ReferenceSnapshot } from '../references/reference-resolver.port';
import type { TicketCommand } from '../ticket.commands';
import type { FieldValues } from '../ticket.events';
import type { Ticket } from '../ticket.state';

/**
 * Named rules a lifecycle cannot express, in code, like guards. A policy is pure: it sees the
 * command, the ticket before, the fields the command is about to set, and the resolved
 * references; it may derive more fields (recorded in the same event, with their previous values),
 * refuse (throw a PolicyRefusedError), or offer follow-up actions to the client.
 */
export interface PolicyInput {
  command: TicketCommand;
  before: Ticket;
  /** The state the ticket moves to (its current state for non-moves). */
  to: string;
  /** The lifecycle event of a move, null otherwise. */
  via: string | null;
  /** Fields the command sets so far (validated input, pins, earlier policies' derivations). */
  setting: FieldValues;
  /** The ticket's fields as they will be: before.fields with `setting` applied. */
  after: FieldValues;
  dictionary: FieldDictionary;
  references: ReferenceSnapshot;
  /** Category of a state in the ticket's pinned lifecycle (new, active, pending, resolved, closed, cancelled). */
  categoryOf(state: string): string | undefined;
}

export interface Offer {
  /** What the client may do next, e.g. `resolve-child`. */
  action: string;
  /** The ticket it applies to and the lifecycle event to send there. */
  ticket: { process: string; id: string };
  event: string;
  reason: string;
}

export interface OfferInput {
  ticket: Ticket;
  references: ReferenceSnapshot;
  categoryOf(state: string): string | undefined;
}

export interface Policy {
  /** Fields to set in the same event (e.g. priority from impact x urgency). Undefined or {} = none. */
  derive?(input: PolicyInput): Record<string, JsonValue> | undefined;
  /** Throws PolicyRefusedError to refuse the command. */
  check?(input: PolicyInput): void;
  /** References this policy needs to see before it can decide or offer. */
  references?(ticket: Ticket): ReferenceQuery[];
  /** Follow-up actions offered on GET and in command responses (e.g. resolve the children). */
  offers?(input: OfferInput): Offer[];
}

export type PolicyRegistry = Readonly<Record<string, Policy>>;
