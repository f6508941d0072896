import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { Bodies } from './reference-bodies';
import { ReferenceHttp } from './reference-http';

type Json = Record<string, unknown>;
const WRITE = ['admin', 'process-owner'] as const;

/** Assignment groups; membership changes are events (who added or removed whom, and when). */
@ApiTags('reference data')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who acts (recorded in every event envelope)' })
@ApiResponse({ status: 400, description: 'Wrong types, unknown fields, bad ids (problem+json with JSON paths)' })
@Controller('groups')
export class GroupsController {
  constructor(private readonly http: ReferenceHttp) {}

  @Post()
  @Roles(...WRITE)
  @Bodies.createGroup
  @ApiOperation({ summary: 'Create an assignment group' })
  async create(@Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    res.location(`/groups/${String(body.id)}`);
    return this.http.run('group', 'CreateGroup', body, ctx, res);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Roles(...WRITE)
  @Bodies.addMember
  @ApiOperation({ summary: 'Add a member (an active user); adding a member again records nothing' })
  @ApiResponse({ status: 422, description: 'Unknown or inactive user' })
  @ApiResponse({ status: 200, description: 'The record, its revision (also the ETag) and the events written' })
  add(@Param('id') id: string, @Body() body: Json, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('group', 'AddGroupMember', { ...body, id }, ctx, res);
  }

  @Delete(':id/members/:userId')
  @Roles(...WRITE)
  @ApiOperation({ summary: 'Remove a member (reason in the query)' })
  @ApiResponse({ status: 404, description: 'Not a member' })
  @ApiResponse({ status: 200, description: 'The record, its revision (also the ETag) and the events written' })
  remove(@Param('id') id: string, @Param('userId') userId: string, @Query('reason') reason: string | undefined, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.http.run('group', 'RemoveGroupMember', { id, userId, ...(reason === undefined ? {} : { reason }) }, ctx, res);
  }

  @Get(':id/members')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The group\'s members' })
  async members(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const group = (await this.http.one('group', id, res)) as { members: string[] };
    return group.members;
  }

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every assignment group with its members' })
  list() {
    return this.http.index.list('group').sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One group, with its revision (also the ETag)' })
  one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return this.http.one('group', id, res);
  }

  @Get(':id/events')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The group\'s history: every membership change with its actor and time' })
  events(@Param('id') id: string) {
    return this.http.events('group', id);
  }
}
