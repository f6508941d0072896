import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, ID_GENERATOR, creationId, type Clock, type CommandResult, type IdGenerator, type StoredEvent } from '@itil/engine';
import {
  AssignIncidentDto,
  CloseIncidentDto,
  CommentOnIncidentDto,
  ExecuteIncidentCommand,
  GetIncidentEventsQuery,
  GetIncidentQuery,
  LogIncidentDto,
  NoDataDto,
  PendIncidentDto,
  ReasonDto,
  ResolveIncidentDto,
  type IncidentView,
} from '@itil/incident/nest';
import type { Incident, IncidentCommand, IncidentEvent } from '@itil/incident';
import { READ_TICKETS, Roles, WORK_TICKETS } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { presentCommandResult, presentEvent, presentIncident } from './incident.presenter';

const Id = () => Param('id', new ParseUUIDPipe({ version: undefined }));
type Result = CommandResult<Incident, IncidentEvent>;

@ApiTags('incidents')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    "Per caller and incident, for the incident's life: the same key and body returns the first result and writes nothing; the same key for another command answers 422 IDEMPOTENCY.KEY_REUSED",
})
@ApiResponse({ status: 400, description: 'Malformed JSON, wrong types or unknown fields (problem+json)' })
@ApiResponse({ status: 413, description: 'Body larger than BODY_LIMIT' })
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Post()
  @Roles(...WORK_TICKETS)
  @ApiOperation({ summary: "Log an incident. With an Idempotency-Key, its id derives from the caller's key, so the caller's retry finds the same incident." })
  @ApiResponse({ status: 201, description: 'Logged' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY.KEY_REUSED: this caller logged another incident with this key' })
  async log(@Body() body: LogIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    // Scoped to the caller: another caller's key `1` is another incident, never this one.
    const key = ctx.options.idempotencyKey;
    const incidentId = key ? creationId('incident', key, { actor: ctx.actor }) : this.ids.next();
    const result = await this.run(ctx, { type: 'LogIncident', data: { ...body, incidentId } });
    res.location(`/incidents/${incidentId}`);
    return this.respond(res, result);
  }

  @Post(':id/assign')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to a group (and optionally a person); reassigning is a functional escalation' })
  @ApiResponse({ status: 422, description: 'Not allowed in the current state (lists allowedEvents)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Revision last seen; a mismatch answers 409' })
  async assign(@Id() id: string, @Body() body: AssignIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'AssignIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/start-work')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Start work (requires an assignee)' })
  async startWork(@Id() id: string, @Body() _body: NoDataDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'StartWorkOnIncident', data: { incidentId: id } }));
  }

  @Post(':id/pend')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Put on hold awaiting the caller or a vendor (pauses SLA clocks)' })
  async pend(@Id() id: string, @Body() body: PendIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'PendIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/resume')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume work after a pending state' })
  async resume(@Id() id: string, @Body() _body: NoDataDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'ResumeIncident', data: { incidentId: id } }));
  }

  @Post(':id/resolve')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with a resolution code and notes' })
  async resolve(@Id() id: string, @Body() body: ResolveIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'ResolveIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/reopen')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved incident, with a reason' })
  async reopen(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'ReopenIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/close')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a resolved incident (caller confirmed)' })
  async close(@Id() id: string, @Body() body: CloseIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'CloseIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/cancel')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel (logged in error, duplicate), with a reason' })
  async cancel(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'CancelIncident', data: { ...body, incidentId: id } }));
  }

  @Post(':id/comments')
  @Roles(...WORK_TICKETS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a work note or a public comment' })
  async comment(@Id() id: string, @Body() body: CommentOnIncidentDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.run(ctx, { type: 'CommentOnIncident', data: { ...body, incidentId: id } }));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The incident folded from its events, with its revision (also in ETag)' })
  @ApiResponse({ status: 404, description: 'Unknown incident' })
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const view = await this.queries.execute<GetIncidentQuery, IncidentView>(new GetIncidentQuery(id));
    res.setHeader('ETag', `"${view.revision}"`);
    return presentIncident(view);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every event of the incident, oldest first, with its envelope' })
  async events(@Id() id: string) {
    const events = await this.queries.execute<GetIncidentEventsQuery, StoredEvent<IncidentEvent>[]>(new GetIncidentEventsQuery(id));
    return events.map(presentEvent);
  }

  private run(ctx: RequestContext, command: Omit<IncidentCommand, 'metadata'>): Promise<Result> {
    const full = { ...command, metadata: { now: this.clock.now(), actor: ctx.actor } } as IncidentCommand;
    return this.commands.execute<ExecuteIncidentCommand, Result>(new ExecuteIncidentCommand(full, ctx.options));
  }

  private respond(res: Response, result: Result) {
    res.setHeader('ETag', `"${result.revision}"`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return presentCommandResult(result);
  }
}
