import type { Command } from '@itil/engine';
import type { ReferenceSnapshot } from './references/reference-resolver.port';
import type { LinkTarget } from './ticket.events';

/**
 * The engine's commands, the same for every process. Inputs are raw request bodies (unknown):
 * the decider checks them against the field dictionary. `references` is what the handler
 * resolved before deciding (decide does no I/O); missing ones make decide ask for them.
 */
type About<D> = D & { ticketId: string };
type TicketCommandOf<T extends string, D> = Command<T, About<D>> & { references?: ReferenceSnapshot };

export type OpenTicket = TicketCommandOf<'OpenTicket', { input: Record<string, unknown>; lifecycle?: string }>;
/** Any event the pinned lifecycle version allows (`ASSIGN`, `RESOLVE`, `ESCALATE` ...). */
export type MoveTicket = TicketCommandOf<'MoveTicket', { event: string; input: Record<string, unknown> }>;
export type UpdateTicketFields = TicketCommandOf<'UpdateTicketFields', { input: Record<string, unknown> }>;
export type CommentOnTicket = TicketCommandOf<'CommentOnTicket', { input: Record<string, unknown> }>;
export type LogWorkOnTicket = TicketCommandOf<'LogWorkOnTicket', { input: Record<string, unknown> }>;
export type LinkTicket = TicketCommandOf<'LinkTicket', { input: Record<string, unknown> }>;
export type UnlinkTicket = TicketCommandOf<'UnlinkTicket', { linkId: string }>;

export type TicketCommand = OpenTicket | MoveTicket | UpdateTicketFields | CommentOnTicket | LogWorkOnTicket | LinkTicket | UnlinkTicket;

/** Shapes of the validated inputs of comment, work log and link (for clients and the OpenAPI document). */
export interface CommentInput {
  text: string;
  visibility?: 'internal' | 'public';
}
export interface WorkLogInput {
  minutes: number;
  note?: string;
}
export interface LinkInput {
  kind: string;
  target: LinkTarget;
}
export const LINK_KINDS = ['caused-by', 'duplicate-of', 'child-of', 'parent-of', 'resolved-by-change', 'caused-by-change', 'related-to', 'affects'] as const;
