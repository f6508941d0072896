import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ImprovementRegister } from '@itil/improvement';
import { READ_MODELS, Roles, type Role } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { negotiate } from '../read-models/read-model.presenter';
import { csvRow, presentEvents, presentResult, presentView } from './improvement.presenter';
import { ImprovementBodies, ImprovementListQuery } from './improvements.dto';
import { IMPROVEMENT_REGISTER } from './improvements.tokens';

type Json = Record<string, unknown>;
/** Process owners run improvement initiatives (there is no separate CSI-manager role); admin passes every check. */
const WRITE: Role[] = ['admin', 'process-owner'];

/** The CSI improvement register: initiatives with a measured baseline and a target, their progress read from the CSI metrics. */
@ApiTags('improvements')
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, unknown metric, dates out of order (problem+json with JSON paths)' })
@Controller('improvements')
export class ImprovementsController {
  constructor(@Inject(IMPROVEMENT_REGISTER) private readonly register: ImprovementRegister) {}

  @Post()
  @Roles(...WRITE)
  @ImprovementBodies.register
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body answers the first result' })
  @ApiResponse({ status: 201, description: 'Registered: the initiative with its recorded baseline, revision (also the ETag) and the events written; Location names it' })
  @ApiOperation({ summary: 'Register an initiative: its baseline is measured from the CSI read model over the window ending on baselineAt, and recorded' })
  @ApiResponse({ status: 422, description: 'Unknown or retired service, unknown or inactive owner, no data for a baseline, a target no better than the baseline, a key reused with another body' })
  @ApiResponse({ status: 503, description: 'The CSI read model has not caught up with the store yet' })
  async create(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.register.register(body, { actor: ctx.actor }, ctx.options);
    res.location(`/improvements/${result.streamId.slice('improvement-'.length)}`);
    return presentResult(res, result);
  }

  @Get()
  @Roles(...READ_MODELS)
  @ApiOperation({ summary: 'The register, each initiative with its current figure, delta, percent of the way to target and standing (CSV: Accept text/csv)' })
  @ApiProduces('application/json', 'text/csv')
  async list(@Query() query: ImprovementListQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const views = await this.register.list(query);
    return negotiate(accept, res, { items: views.map(presentView) }, views.map(csvRow));
  }

  @Get(':id')
  @Roles(...READ_MODELS)
  @ApiResponse({ status: 200, description: 'The initiative, its revision (also the ETag) and progress' })
  @ApiOperation({ summary: 'One initiative and its progress, read live from the same CSI metric and window as its baseline (as recorded once closed)' })
  @ApiResponse({ status: 404, description: 'Unknown initiative' })
  async one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const view = await this.register.get(id);
    res.setHeader('ETag', `"${view.revision}"`);
    return presentView(view);
  }

  @Get(':id/events')
  @Roles(...READ_MODELS)
  @ApiResponse({ status: 200, description: 'Its events' })
  @ApiOperation({ summary: 'Its events, oldest first, with envelopes: who registered, revised, reassigned and closed it, and when' })
  @ApiResponse({ status: 404, description: 'Unknown initiative' })
  async events(@Param('id') id: string) {
    return presentEvents(await this.register.history(id));
  }

  @Post(':id/revise-target')
  @HttpCode(200)
  @Roles(...WRITE)
  @ImprovementBodies.revise
  @ApiResponse({ status: 200, description: 'Revised: the initiative, its revision and the events written' })
  @ApiOperation({ summary: 'Revise the target and/or due date, with a reason (If-Match: the revision you saw)' })
  @ApiResponse({ status: 404, description: 'Unknown initiative' })
  @ApiResponse({ status: 409, description: 'Closed already, or a stale If-Match' })
  @ApiResponse({ status: 422, description: 'A target no better than the baseline' })
  revise(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.register.reviseTarget(id, body, { actor: ctx.actor }, ctx.options).then((r) => presentResult(res, r));
  }

  @Post(':id/change-owner')
  @HttpCode(200)
  @Roles(...WRITE)
  @ImprovementBodies.changeOwner
  @ApiResponse({ status: 200, description: 'The initiative with its new owner, its revision and the events written' })
  @ApiOperation({ summary: 'Hand the initiative to another owner' })
  @ApiResponse({ status: 404, description: 'Unknown initiative' })
  @ApiResponse({ status: 409, description: 'Closed already, or a stale If-Match' })
  @ApiResponse({ status: 422, description: 'Unknown or inactive owner' })
  changeOwner(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.register.changeOwner(id, body, { actor: ctx.actor }, ctx.options).then((r) => presentResult(res, r));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...WRITE)
  @ImprovementBodies.close
  @ApiResponse({ status: 200, description: 'Closed: the initiative, its revision and the events written' })
  @ApiOperation({ summary: 'Close as achieved (only when the figure measured now meets the target; it is recorded) or abandoned (with a reason)' })
  @ApiResponse({ status: 404, description: 'Unknown initiative' })
  @ApiResponse({ status: 409, description: 'Closed already, or a stale If-Match' })
  @ApiResponse({ status: 422, description: 'Achieved claimed but the figure does not meet the target' })
  close(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.register.close(id, body, { actor: ctx.actor }, ctx.options).then((r) => presentResult(res, r));
  }
}
