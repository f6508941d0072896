import { Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { TicketFilter } from '@itil/read-models';
import { READ_MODELS, READ_TICKETS, Roles } from '../auth/roles';
import { AfterQuery, TicketListQuery } from './read-models.dto';
import { negotiate, presentComment, presentTicket, presentWork } from './read-model.presenter';
import { ReadSideService } from './read-side.service';

const filterOf = (q: TicketListQuery, process?: string): TicketFilter => ({
  process: process ?? q.process,
  state: q.state,
  stateCategory: q.stateCategory,
  priority: q.priority,
  assignmentGroup: q.group,
  assignee: q.assignee,
  service: q.service,
  configurationItem: q.ci,
  open: q.open,
  createdFrom: q.createdFrom,
  createdTo: q.createdTo,
  updatedFrom: q.updatedFrom,
  updatedTo: q.updatedTo,
  text: q.q,
});

/** Lists and search over every process's tickets, from the tickets read model. */
@ApiTags('read models')
@Roles(...READ_MODELS)
@ApiResponse({ status: 400, description: 'Unknown or malformed filter, cursor or position (problem+json)' })
@ApiResponse({ status: 503, description: '?after= given and the read model had not reached it in time' })
@Controller()
export class TicketsReadController {
  constructor(private readonly side: ReadSideService) {}

  @Get('tickets')
  @ApiOperation({ summary: 'Tickets of every process (filter with ?process=), newest first, with a cursor' })
  @ApiProduces('application/json', 'text/csv')
  list(@Query() query: TicketListQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.page(query, undefined, accept, res);
  }

  @Get('incidents')
  // Ticket content under a process's resource: readable like the ticket itself, not by a reporter.
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Incidents, newest first, with filters and a cursor' })
  @ApiProduces('application/json', 'text/csv')
  incidents(@Query() query: TicketListQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.page(query, 'incident', accept, res);
  }

  @Get('search')
  @ApiOperation({ summary: 'Full-text search over title, description and comments (?q=), with the same filters' })
  @ApiProduces('application/json', 'text/csv')
  search(@Query() query: TicketListQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.page({ ...query, q: query.q ?? '' }, undefined, accept, res);
  }

  @Get('tickets/:id/comments')
  // Ticket content under a process's resource: readable like the ticket itself, not by a reporter.
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: "A ticket's comments and work notes, oldest first" })
  comments(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Query() query: AfterQuery) {
    return this.commentsOf(id, query);
  }

  @Get('incidents/:id/comments')
  // Ticket content under a process's resource: readable like the ticket itself, not by a reporter.
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: "An incident's comments and work notes, oldest first" })
  incidentComments(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Query() query: AfterQuery) {
    return this.commentsOf(id, query);
  }

  @Get('tickets/:id/work-log')
  // Ticket content under a process's resource: readable like the ticket itself, not by a reporter.
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: "A ticket's work log (time worked per entry)" })
  async workLog(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string, @Query() query: AfterQuery) {
    await this.side.after('tickets', query.after);
    await this.known(id);
    return (await this.side.tickets.workLog(id)).map(presentWork);
  }

  private async commentsOf(id: string, query: AfterQuery) {
    await this.side.after('tickets', query.after);
    await this.known(id);
    return (await this.side.tickets.comments(id)).map(presentComment);
  }

  private async known(id: string): Promise<void> {
    if (!(await this.side.tickets.get(id))) throw new NotFoundException(`No ticket ${id} in the read model`);
  }

  private async page(query: TicketListQuery, process: string | undefined, accept: string | undefined, res: Response) {
    await this.side.after('tickets', query.after);
    const page = await this.side.tickets.list(filterOf(query, process), { limit: query.limit, cursor: query.cursor });
    const items = page.items.map(presentTicket);
    if (page.nextCursor) res.setHeader('Link', `<?cursor=${encodeURIComponent(page.nextCursor)}>; rel="next"`);
    return negotiate(accept, res, { items, nextCursor: page.nextCursor }, items.map(({ fields: _f, lifecycle, ...rest }) => ({ ...rest, lifecycle: `${lifecycle.id}@${lifecycle.version}` })));
  }
}
