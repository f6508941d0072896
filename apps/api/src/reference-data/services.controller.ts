import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { Bodies } from './reference-bodies';
import { ReferenceHttp } from './reference-http';

type Json = Record<string, unknown>;
const WRITE = ['admin', 'process-owner'] as const;

/** The service portfolio: services with owner, support group, SLA policy, stage and offerings. */
@ApiTags('reference data')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who acts (recorded in every event envelope)' })
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, bad ids (problem+json with JSON paths)' })
@Controller('services')
export class ServicesController {
  constructor(private readonly http: ReferenceHttp) {}

  @Post()
  @Roles(...WRITE)
  @Bodies.registerService
  @ApiOperation({ summary: 'Register a service (in the pipeline unless stage live is given)' })
  @ApiResponse({ status: 422, description: 'Unknown or inactive owner, unknown support group' })
  @ApiResponse({ status: 201, description: 'Created: the record, its revision (also the ETag) and the events written' })
  async register(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    res.location(`/services/${String(body.id)}`);
    return this.http.run('service', 'RegisterService', body, ctx, res);
  }

  @Patch(':id')
  @Roles(...WRITE)
  @Bodies.updateService
  @ApiOperation({ summary: 'Change name, owner, support group or SLA policy (only changed fields are recorded, with their old values)' })
  update(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('service', 'UpdateService', { ...body, id }, ctx, res);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.serviceStage
  @ApiOperation({ summary: 'Move through the portfolio: pipeline -> live -> retired (each change an event)' })
  @ApiResponse({ status: 422, description: 'A stage change the portfolio does not allow' })
  @ApiResponse({ status: 200, description: 'The record, its revision (also the ETag) and the events written' })
  stage(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('service', 'ChangeServiceStage', { ...body, id }, ctx, res);
  }

  @Post(':id/offerings')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.addOffering
  @ApiOperation({ summary: 'Add an offering to the service' })
  addOffering(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('service', 'AddServiceOffering', { ...body, id }, ctx, res);
  }

  @Delete(':id/offerings/:offeringId')
  @Roles(...WRITE)
  @ApiOperation({ summary: 'Withdraw an offering from the service' })
  withdrawOffering(@Param('id') id: string, @Param('offeringId') offeringId: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('service', 'WithdrawServiceOffering', { id, offeringId }, ctx, res);
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Services, optionally of one stage' })
  list(@Query('stage') stage?: string) {
    return this.http.index
      .list('service')
      .filter((s) => stage === undefined || s.stage === stage)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One service, with its revision (also the ETag)' })
  one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.http.one('service', id, res);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The service\'s history: every event with its actor and time' })
  events(@Param('id') id: string) {
    return this.http.events('service', id);
  }
}
