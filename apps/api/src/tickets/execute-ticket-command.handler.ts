import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TicketEngine, type TicketResult } from './ticket-engine.service';
import { ExecuteTicketCommand } from './ticket.messages';

/** Thin: the engine resolves references, the pipeline loads, decides, appends and retries. */
@CommandHandler(ExecuteTicketCommand)
export class ExecuteTicketCommandHandler implements ICommandHandler<ExecuteTicketCommand, TicketResult> {
  constructor(@Inject(TicketEngine) private readonly engine: TicketEngine) {}

  execute({ process, command, options }: ExecuteTicketCommand): Promise<TicketResult> {
    return this.engine.run(process, command, options);
  }
}
