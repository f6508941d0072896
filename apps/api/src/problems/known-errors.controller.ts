import { BadRequestException, Controller, Get, Inject, Query, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { KNOWN_ERROR_FILTERS, knownErrorSearch, problemProcess } from '@itil/problem';
import { createTicketDecider, TicketSearchIndex } from '@itil/tickets';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { READ_TICKETS, Roles } from '../auth/roles';

/** The known error database: problems whose known error is published, searchable by text, service and CI. */
@ApiTags('problems')
@Controller('known-errors')
export class KnownErrorsController implements OnModuleInit, OnModuleDestroy {
  private index!: TicketSearchIndex;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIFECYCLE_CATALOG) private readonly catalog: LifecycleCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.index = new TicketSearchIndex(this.store, createTicketDecider(problemProcess, this.catalog), knownErrorSearch);
    await this.index.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.index.stop();
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Search known errors: every word of q in the title, description, workaround, root cause or resolution; filter by service and configuration item' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'service', required: false })
  @ApiQuery({ name: 'configurationItem', required: false })
  async search(@Query() query: Record<string, unknown>) {
    const unknown = Object.keys(query).filter((k) => k !== 'q' && !(KNOWN_ERROR_FILTERS as readonly string[]).includes(k));
    if (unknown.length > 0) throw new BadRequestException(`Unknown query parameter(s): ${unknown.join(', ')}; use q, ${KNOWN_ERROR_FILTERS.join(', ')}`);
    const bad = Object.entries(query).filter(([, v]) => typeof v !== 'string');
    if (bad.length > 0) throw new BadRequestException(`Query parameter(s) given twice: ${bad.map(([k]) => k).join(', ')}`);
    // Read your writes: the index catches up to the store's head before answering.
    await this.index.caughtUpTo(await this.store.headPosition());
    const equals = Object.fromEntries(KNOWN_ERROR_FILTERS.filter((f) => typeof query[f] === 'string').map((f) => [f, query[f] as string]));
    return this.index.search({ text: query.q as string | undefined, equals }).map((p) => ({
      id: p.id,
      href: `/problems/${p.id}`,
      status: p.state,
      title: p.fields.title,
      service: p.fields.service ?? null,
      configurationItem: p.fields.configurationItem ?? null,
      workaround: p.fields.workaround ?? null,
      rootCause: p.fields.rootCause ?? null,
      publishedAt: p.fields.knownErrorPublishedAt,
    }));
  }
}
