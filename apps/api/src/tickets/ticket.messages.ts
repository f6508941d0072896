import type { CommandOptions } from '@itil/engine';
import type { TicketCommand } from '@itil/tickets';

/** The CQRS message for every command of every process: which process, the command, its delivery options. */
export class ExecuteTicketCommand {
  constructor(
    readonly process: string,
    readonly command: TicketCommand,
    readonly options: CommandOptions = {},
  ) {}
}
