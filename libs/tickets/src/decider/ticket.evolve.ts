import type { ProcessDefinition } from '../process-definition';
import {
  SUFFIXES,
  kindOf,
  type TicketCommentedData,
  type TicketEvent,
  type TicketFieldsUpdatedData,
  type TicketLifecycleMigratedData,
  type TicketLinkedData,
  type TicketMovedData,
  type TicketOpenedData,
  type TicketUnlinkedData,
  type TicketWorkLoggedData,
} from '../ticket.events';
import { initialTicket, type Ticket } from '../ticket.state';

/**
 * Folds one fact into a ticket. Moves take their target from the event, never from the machine,
 * so replay never re-runs guards. Total: an event it does not know leaves the ticket as it was.
 */
export function evolveTicket(def: ProcessDefinition) {
  return (s: Ticket, raw: TicketEvent): Ticket => {
    const e = def.upcast ? def.upcast(raw, s) : raw;
    const kind = e.type === def.opened ? 'opened' : kindOf(e);
    switch (kind) {
      case 'opened': {
        const d = e.data as TicketOpenedData;
        return { ...initialTicket(), exists: true, id: d.ticketId, process: d.process, lifecycle: d.lifecycle, state: d.state, fields: { ...d.fields }, openedAt: d.openedAt };
      }
      case 'moved': {
        const d = e.data as TicketMovedData;
        return { ...s, state: d.to, fields: { ...s.fields, ...d.fields } };
      }
      case 'fieldsUpdated':
        return { ...s, fields: { ...s.fields, ...(e.data as TicketFieldsUpdatedData).fields } };
      case 'commented': {
        const d = e.data as TicketCommentedData;
        return { ...s, comments: [...s.comments, { commentId: d.commentId, visibility: d.visibility }] };
      }
      case 'workLogged':
        return { ...s, workLoggedMinutes: s.workLoggedMinutes + (e.data as TicketWorkLoggedData).minutes, workEntries: s.workEntries + 1 };
      case 'linked': {
        const d = e.data as TicketLinkedData;
        return { ...s, links: [...s.links, { linkId: d.linkId, kind: d.kind, target: d.target }], linksMade: s.linksMade + 1 };
      }
      case 'unlinked':
        return { ...s, links: s.links.filter((l) => l.linkId !== (e.data as TicketUnlinkedData).linkId) };
      case 'migrated': {
        const d = e.data as TicketLifecycleMigratedData;
        return { ...s, lifecycle: d.lifecycle, state: d.toState };
      }
      default:
        return s;
    }
  };
}

export const typeOf = (def: ProcessDefinition, suffix: keyof typeof SUFFIXES): string => `${def.eventPrefix}${SUFFIXES[suffix]}`;
