/** The processes the app serves (ProcessDefinition[]), given to TicketsHttpModule.register. */
export const TICKET_PROCESSES = Symbol('TICKET_PROCESSES');
