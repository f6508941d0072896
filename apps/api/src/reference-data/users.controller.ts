import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { Bodies } from './reference-bodies';
import { ReferenceHttp } from './reference-http';

type Json = Record<string, unknown>;
const WRITE = ['admin', 'process-owner'] as const;

/** Users as referenced ids: enough to know a user exists and is active. */
@ApiTags('reference data')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who acts (recorded in every event envelope)' })
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, bad ids (problem+json with JSON paths)' })
@Controller('users')
export class UsersController {
  constructor(private readonly http: ReferenceHttp) {}

  @Post()
  @Roles(...WRITE)
  @Bodies.registerUser
  @ApiOperation({ summary: 'Register a user id (active)' })
  @ApiResponse({ status: 409, description: 'A user with this id exists' })
  @ApiResponse({ status: 201, description: 'Created: the record, its revision (also the ETag) and the events written' })
  async register(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    res.location(`/users/${String(body.id)}`);
    return this.http.run('user', 'RegisterUser', body, ctx, res);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.reason
  @ApiOperation({ summary: 'Deactivate: the user can no longer be assigned or approve' })
  deactivate(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('user', 'DeactivateUser', { ...body, id }, ctx, res);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles(...WRITE)
  @ApiOperation({ summary: 'Reactivate a deactivated user' })
  reactivate(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('user', 'ReactivateUser', { ...body, id }, ctx, res);
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every user this instance knows (kept current from the log)' })
  list() {
    return this.http.index.list('user').sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One user, with its revision (also the ETag)' })
  one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.http.one('user', id, res);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The user\'s history: every event with its actor and time' })
  events(@Param('id') id: string) {
    return this.http.events('user', id);
  }
}
