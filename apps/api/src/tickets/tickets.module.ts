import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InMemoryReferences, REFERENCE_RESOLVER, type ProcessDefinition } from '@itil/tickets';
import { DEMO_REFERENCES } from './demo-references';
import { ExecuteTicketCommandHandler } from './execute-ticket-command.handler';
import { TicketOpenApi } from './openapi/ticket-openapi.service';
import { TicketEngine } from './ticket-engine.service';
import { ticketsControllerFor } from './tickets.controller';
import { TICKET_PROCESSES } from './tickets.tokens';

export interface TicketsHttpOptions {
  processes: ProcessDefinition[];
  /**
   * Binds REFERENCE_RESOLVER (groups, CIs, services, catalog items). Defaults to an in-memory
   * resolver with the README's demo data; the reference-data module passes its own.
   */
  references?: Provider;
  imports?: DynamicModule['imports'];
}

/** The generated HTTP of every process: one controller per process, one engine for all. */
@Module({})
export class TicketsHttpModule {
  static register(options: TicketsHttpOptions): DynamicModule {
    return {
      module: TicketsHttpModule,
      imports: [CqrsModule, ...(options.imports ?? [])],
      controllers: options.processes.map(ticketsControllerFor),
      providers: [
        { provide: TICKET_PROCESSES, useValue: options.processes },
        options.references ?? { provide: REFERENCE_RESOLVER, useValue: new InMemoryReferences(DEMO_REFERENCES) },
        TicketEngine,
        ExecuteTicketCommandHandler,
        TicketOpenApi,
      ],
      exports: [TicketEngine, TicketOpenApi],
    };
  }
}
