import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { Bodies } from './reference-bodies';
import { ReferenceHttp } from './reference-http';

type Json = Record<string, unknown>;
const WRITE = ['admin', 'process-owner'] as const;

/** A small CMDB: configuration items tickets and changes point at. */
@ApiTags('reference data')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who acts (recorded in every event envelope)' })
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, bad ids (problem+json with JSON paths)' })
@Controller('configuration-items')
export class ConfigurationItemsController {
  constructor(private readonly http: ReferenceHttp) {}

  @Post()
  @Roles(...WRITE)
  @Bodies.registerCi
  @ApiOperation({ summary: 'Register a configuration item (of a service that is not retired)' })
  async register(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    res.location(`/configuration-items/${String(body.id)}`);
    return this.http.run('ci', 'RegisterConfigurationItem', body, ctx, res);
  }

  @Patch(':id')
  @Roles(...WRITE)
  @Bodies.updateCi
  @ApiOperation({ summary: 'Change name, type or owning service (only changed fields are recorded, with their old values)' })
  update(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('ci', 'UpdateConfigurationItem', { ...body, id }, ctx, res);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.ciStatus
  @ApiOperation({ summary: 'Change the CMDB status (planned, operational, maintenance, retired)' })
  status(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('ci', 'ChangeConfigurationItemStatus', { ...body, id }, ctx, res);
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Configuration items, optionally of one service' })
  list(@Query('service') service?: string) {
    return this.http.index
      .list('ci')
      .filter((c) => service === undefined || c.owningService === service)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One configuration item, with its revision (also the ETag)' })
  one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.http.one('ci', id, res);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The configuration item\'s history: every event with its actor and time' })
  events(@Param('id') id: string) {
    return this.http.events('ci', id);
  }
}
