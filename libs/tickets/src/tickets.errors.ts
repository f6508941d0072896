import { DecisionNeedsInput } from '@itil/engine';
import type { ReferenceQuery } from './references/reference-resolver.port';

/** One problem with one input value, at its JSON path in the request body (`$.impact`). */
export interface InputError {
  path: string;
  code:
    | 'WRONG_TYPE'
    | 'UNKNOWN_FIELD'
    | 'REQUIRED'
    | 'BLANK'
    | 'CONTROL_CHARACTERS'
    | 'TOO_LONG'
    | 'NOT_IN_ENUM'
    | 'OUT_OF_RANGE'
    | 'TOO_MANY_ITEMS'
    | 'NOT_SETTABLE'
    | 'PINNED'
    | 'UNKNOWN_REFERENCE'
    | 'INACTIVE_REFERENCE'
    | 'NOT_A_MEMBER'
    | 'DUPLICATE_LINK';
  message: string;
}

/** Wrong types, unknown fields, malformed values: a 400 that writes nothing. */
export class TicketInputInvalidError extends Error {
  readonly code = 'TICKET.INVALID_INPUT';
  constructor(
    readonly process: string,
    readonly errors: InputError[],
  ) {
    super(`Invalid input: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'TicketInputInvalidError';
  }
}

/** Well-formed input the ticket refuses now: a field not settable in this state, an unknown reference, an assignee outside the group (422). */
export class TicketInputNotAllowedError extends Error {
  readonly code = 'TICKET.INPUT_NOT_ALLOWED';
  constructor(
    readonly process: string,
    readonly errors: InputError[],
  ) {
    super(`Not allowed: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'TicketInputNotAllowedError';
  }
}

export class TicketNotFoundError extends Error {
  readonly code = 'TICKET.NOT_FOUND';
  constructor(
    readonly process: string,
    readonly ticketId: string,
  ) {
    super(`${process} ${ticketId} not found`);
    this.name = 'TicketNotFoundError';
  }
}

export class TicketAlreadyOpenedError extends Error {
  readonly code = 'TICKET.ALREADY_OPENED';
  constructor(
    readonly process: string,
    readonly ticketId: string,
  ) {
    super(`${process} ${ticketId} already exists`);
    this.name = 'TicketAlreadyOpenedError';
  }
}

/** A named policy refused the command (422). */
export class PolicyRefusedError extends Error {
  readonly code = 'TICKET.POLICY_NOT_ALLOWED';
  constructor(
    readonly policy: string,
    message: string,
    readonly errors: InputError[] = [],
  ) {
    super(message);
    this.name = 'PolicyRefusedError';
  }
}

export class UnknownLinkError extends Error {
  readonly code = 'TICKET.UNKNOWN_LINK';
  constructor(readonly linkId: string) {
    super(`No link ${linkId} on this ticket`);
    this.name = 'UnknownLinkError';
  }
}

/** A closed or cancelled ticket is a frozen record: comments, work, links and updates are refused (422). */
export class TicketFrozenError extends Error {
  readonly code = 'TICKET.FROZEN_NOT_ALLOWED';
  constructor(
    readonly ticketId: string,
    readonly state: string,
  ) {
    super(`The ticket is ${state}: a final state admits no further changes`);
    this.name = 'TicketFrozenError';
  }
}

/**
 * Not an HTTP error: decide needs references the command did not bring. The handler resolves
 * them and runs the command again (the fold is cached, so this costs one resolve, no read).
 */
export class ReferencesNeeded extends DecisionNeedsInput {
  readonly code = 'TICKET.REFERENCES_NEEDED';
  constructor(readonly queries: ReferenceQuery[]) {
    super(`References needed: ${queries.map((q) => `${q.kind}:${q.id}`).join(', ')}`);
    this.name = 'ReferencesNeeded';
  }
}

/** No live lifecycle version of the process has this event (a 404: there is no such endpoint). */
export class UnknownTicketEventError extends Error {
  readonly code = 'TICKET.UNKNOWN_EVENT';
  constructor(
    readonly process: string,
    readonly event: string,
  ) {
    super(`No lifecycle version of ${process} has an event '${event}'`);
    this.name = 'UnknownTicketEventError';
  }
}
