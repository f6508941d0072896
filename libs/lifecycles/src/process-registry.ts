/**
 * Where each process keeps its tickets, and the event a lifecycle migration appends to a ticket.
 * Ticket streams are `<prefix><uuid>`; the three change types share `change-` and are told apart
 * by the lifecycle id their first event records.
 */
export interface ProcessTickets {
  ticketStreamPrefix: string;
  migrationEventType: string;
}

const KNOWN: Record<string, ProcessTickets> = {
  incident: { ticketStreamPrefix: 'incident-', migrationEventType: 'IncidentLifecycleMigrated' },
  problem: { ticketStreamPrefix: 'problem-', migrationEventType: 'TicketLifecycleMigrated' },
  'change-standard': { ticketStreamPrefix: 'change-', migrationEventType: 'TicketLifecycleMigrated' },
  'change-normal': { ticketStreamPrefix: 'change-', migrationEventType: 'TicketLifecycleMigrated' },
  'change-emergency': { ticketStreamPrefix: 'change-', migrationEventType: 'TicketLifecycleMigrated' },
  release: { ticketStreamPrefix: 'release-', migrationEventType: 'TicketLifecycleMigrated' },
  'service-request': { ticketStreamPrefix: 'request-', migrationEventType: 'TicketLifecycleMigrated' },
};

export function ticketsOf(process: string): ProcessTickets {
  return KNOWN[process] ?? { ticketStreamPrefix: `${process}-`, migrationEventType: 'TicketLifecycleMigrated' };
}
