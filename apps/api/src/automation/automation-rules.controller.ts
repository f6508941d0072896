import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AutomationRules, type AutomationRulePublishedData } from '@itil/automation';
import type { Clock } from '@itil/engine';
import { READ_TICKETS, Roles } from '../auth/roles';
import { CLOCK } from '../engine/engine.tokens';
import { Ctx, type RequestContext } from '../http/request-context';
import { PublishAutomationRuleDto } from './automation.dto';

const href = (v: AutomationRulePublishedData) => `/automation-rules/${v.id}/versions/${v.version}`;

/**
 * Automation rules as versioned data: publish the next version of a rule (validated, with the
 * version reviewed), read the live ones and any past version. A version applies to triggers
 * recorded after it; what a rule did stays attributed to the version that did it.
 */
@ApiTags('automation')
@Controller('automation-rules')
export class AutomationRulesController {
  constructor(
    @Inject(AutomationRules) private readonly rules: AutomationRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every rule’s live version, in the order the matcher tries them', description: 'The first enabled rule of a kind whose conditions all hold applies to a ticket; the others do not.' })
  @ApiResponse({ status: 200, description: 'Live versions with their documents' })
  async list() {
    return (await this.rules.list()).map((v) => ({ ...v, href: href(v) }));
  }

  @Post()
  @Roles('process-owner', 'admin')
  @ApiOperation({ summary: 'Publish the next version of a rule: it applies to tickets triggering it from now on', description: 'Triggers recorded before the publication keep the version they matched; what a rule does is recorded as rule:<id>@<version>.' })
  @ApiResponse({ status: 201, description: 'Published' })
  @ApiResponse({ status: 400, description: 'Invalid rule: unknown fields, process, group, assignee, service or calendar (errors with JSON paths); nothing written' })
  @ApiResponse({ status: 409, description: 'expectedVersion is not the live version any more' })
  @ApiResponse({ status: 422, description: 'Identical to the live version' })
  async publish(@Body() body: PublishAutomationRuleDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const v = await this.rules.publish(body, { actor: ctx.actor, now: this.clock.now(), idempotencyKey: ctx.options.idempotencyKey, correlationId: ctx.options.correlationId });
    res.location(href(v));
    return { ...v, href: href(v) };
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every version of one rule', description: 'Oldest first, each with its document, author and time.' })
  @ApiResponse({ status: 200, description: 'The rule’s versions' })
  @ApiResponse({ status: 404, description: 'No such rule' })
  async history(@Param('id') id: string) {
    const h = await this.rules.history(id);
    return { id, liveVersion: h.versions.at(-1)!.version, versions: h.versions.map((v) => ({ ...v, href: href(v) })) };
  }

  @Get(':id/versions/:version')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One published version of a rule', description: 'The document exactly as it applied to the triggers it matched.' })
  @ApiResponse({ status: 200, description: 'The version' })
  @ApiResponse({ status: 404, description: 'No such rule or version' })
  version(@Param('id') id: string, @Param('version', new ParseIntPipe()) version: number) {
    return this.rules.version(id, version);
  }
}
