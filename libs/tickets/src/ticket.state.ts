import type { FieldValues, LinkTarget } from './ticket.events';

export interface TicketLink {
  linkId: string;
  kind: string;
  target: LinkTarget;
}

/** A ticket of any process, folded from its events. `state` is the lifecycle state. */
export interface Ticket {
  exists: boolean;
  id: string;
  process: string;
  lifecycle: { id: string; version: number } | null;
  state: string;
  fields: FieldValues;
  openedAt: string | null;
  comments: { commentId: string; visibility: 'internal' | 'public' }[];
  workLoggedMinutes: number;
  workEntries: number;
  links: TicketLink[];
  /** Links ever made (link ids are `link-<n>`, never reused after an unlink). */
  linksMade: number;
}

export const initialTicket = (): Ticket => ({
  exists: false,
  id: '',
  process: '',
  lifecycle: null,
  state: 'none',
  fields: {},
  openedAt: null,
  comments: [],
  workLoggedMinutes: 0,
  workEntries: 0,
  links: [],
  linksMade: 0,
});
