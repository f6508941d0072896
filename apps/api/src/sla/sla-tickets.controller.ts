import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SlaAdmin } from '@itil/sla';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { RebaselineDto } from './sla.dto';

/** A ticket's SLA clocks, computed from its events at request time (never stored, so never stale). */
@ApiTags('sla')
@Controller('sla/tickets')
export class SlaTicketsController {
  constructor(@Inject(SlaAdmin) private readonly admin: SlaAdmin) {}

  @Get(':stream')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'SLA status of a ticket by its stream (incident-<id>): target, due at, elapsed, remaining, paused, state, breached, versions' })
  @ApiResponse({ status: 404, description: 'No such ticket stream' })
  @ApiResponse({ status: 200, description: 'The ticket’s SLA clocks' })
  status(@Param('stream') stream: string) {
    return this.admin.status(stream);
  }

  @Post(':stream/rebaseline')
  @HttpCode(200)
  @Roles('process-owner', 'admin')
  @ApiOperation({ summary: 'Move the ticket’s clocks onto the policy and calendar versions live now (recorded, with the reason)' })
  @ApiResponse({ status: 422, description: 'No policy covers the ticket, or it already runs on the live versions' })
  @ApiResponse({ status: 200, description: 'The clocks after the rebaseline and the events written' })
  rebaseline(@Param('stream') stream: string, @Body() body: RebaselineDto, @Ctx() ctx: RequestContext) {
    return this.admin.rebaseline(stream, body.reason, { actor: ctx.actor, source: 'api' });
  }
}
