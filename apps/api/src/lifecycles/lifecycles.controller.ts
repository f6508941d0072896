import { BadRequestException, Body, Controller, Get, Header, HttpCode, Inject, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { formatDiff, formatMigration, formatWhatIf, latestOf, LifecycleAdmin, type DefinitionRef, type Who } from '@itil/lifecycles';
import { Expensive } from '../auth/rate-limits';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { DefinitionBodyDto, DiscardDraftDto, MigrationDto, PublishDto, SaveDraftDto, WhatIfDto } from './lifecycle.dto';

const Version = () => Param('version', new ParseIntPipe());
const DraftNo = () => Param('draft', new ParseIntPipe());

/** JSON unless the client asks for text (`Accept: text/plain`): reports read well in a terminal too. */
function negotiate(req: Request, res: Response, value: unknown, text: () => string): unknown {
  if (req.accepts(['application/json', 'text/plain']) === 'text/plain') {
    res.type('text/plain; charset=utf-8');
    return `${text()}\n`;
  }
  return value;
}

/**
 * Process-owner endpoints: lifecycles are versioned, validated, tried against real history and
 * published without touching tickets in flight (they keep the version they started on).
 */
@ApiTags('lifecycles')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'Malformed JSON, invalid definition (findings with JSON paths) or invalid mapping' })
@ApiResponse({ status: 404, description: 'Unknown process, version or draft' })
@Controller('lifecycles')
export class LifecyclesController {
  constructor(@Inject(LifecycleAdmin) private readonly admin: LifecycleAdmin) {}

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every process with its live version and open drafts' })
  list() {
    return this.admin.processes();
  }

  @Get(':process')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Versions and drafts of one process (definitions omitted)' })
  async history(@Param('process') process: string) {
    const h = await this.admin.history(process);
    return {
      process,
      liveVersion: latestOf(h)!.version,
      versions: h.versions.map(({ definition: _d, ...v }) => ({ ...v, href: `/lifecycles/${process}/versions/${v.version}` })),
      drafts: h.drafts.map(({ definition: _d, ...d }) => ({ ...d, href: `/lifecycles/${process}/drafts/${d.draft}` })),
    };
  }

  @Get(':process/versions/:version')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One published version, with its full definition' })
  version(@Param('process') process: string, @Version() version: number) {
    return this.admin.version(process, version);
  }

  @Get(':process/versions/:version/diagram.mmd')
  @Roles(...READ_TICKETS)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Mermaid stateDiagram-v2 of a version' })
  mermaid(@Param('process') process: string, @Version() version: number) {
    return this.admin.diagram(process, { version }, 'mmd');
  }

  @Get(':process/versions/:version/diagram.svg')
  @Roles(...READ_TICKETS)
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'SVG diagram of a version (open it in a browser)' })
  svg(@Param('process') process: string, @Version() version: number) {
    return this.admin.diagram(process, { version }, 'svg');
  }

  @Post(':process/drafts/validate')
  @Roles('process-owner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a definition without saving anything: findings with JSON paths' })
  @ApiResponse({ status: 400, description: 'No definition given' })
  @ApiResponse({ status: 200, description: 'Whether the definition is valid, with its findings' })
  async validate(@Param('process') process: string, @Body() body: DefinitionBodyDto) {
    // An unknown process is a 404 whatever the body; then a missing definition is a 400.
    await this.admin.history(process);
    if (body.definition === undefined) throw new BadRequestException('definition is required: the lifecycle definition, as a JSON object or its JSON text');
    const { valid, findings } = this.admin.validate(body.definition, process);
    return { valid, findings };
  }

  @Post(':process/drafts')
  @Roles('process-owner')
  @ApiOperation({ summary: 'Save a draft (it changes nothing live; it may still have findings)' })
  @ApiResponse({ status: 201, description: 'Saved (or already saved: created=false)' })
  async saveDraft(@Param('process') process: string, @Body() body: SaveDraftDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const saved = await this.admin.proposeDraft(process, body.definition, this.who(ctx), body.notes);
    if (saved.draft) res.location(`/lifecycles/${process}/drafts/${saved.draft.draft}`);
    return { created: saved.created, draft: saved.draft && withoutDefinition(saved.draft), valid: saved.validation.valid, findings: saved.validation.findings };
  }

  @Get(':process/drafts/:draft')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'A draft with its definition and current findings' })
  async draft(@Param('process') process: string, @DraftNo() draft: number) {
    const d = await this.admin.draft(process, draft);
    const { valid, findings } = this.admin.validate(d.definition, process);
    return { ...d, valid, findings };
  }

  @Post(':process/drafts/:draft/discard')
  @Roles('process-owner')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard an open draft' })
  async discard(@Param('process') process: string, @DraftNo() draft: number, @Body() body: DiscardDraftDto, @Ctx() ctx: RequestContext) {
    await this.admin.discardDraft(process, draft, body.reason, this.who(ctx));
    return { process, draft, status: 'discarded' };
  }

  @Post(':process/what-if')
  @Roles('process-owner')
  @Expensive()
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay the recorded transitions of existing tickets against a draft (guards not re-run unless checkGuards)' })
  @ApiProduces('application/json', 'text/plain')
  async whatIf(@Param('process') process: string, @Body() body: WhatIfDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.admin.whatIf(process, refOf(body), { filter: body.filter, checkGuards: body.checkGuards, detailLimit: body.detailLimit });
    return negotiate(req, res, report, () => formatWhatIf(report));
  }

  @Post(':process/publish')
  @Roles('process-owner')
  @ApiOperation({ summary: 'Publish a definition or a draft as the next version: new tickets get it, tickets in flight keep theirs' })
  @ApiResponse({ status: 201, description: 'Published' })
  @ApiResponse({ status: 409, description: 'expectedVersion is not the live version any more' })
  @ApiResponse({ status: 422, description: 'Identical to the live version' })
  async publish(@Param('process') process: string, @Body() body: PublishDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    if (body.definition !== undefined && body.draft !== undefined) throw new BadRequestException('Give either definition or draft, not both');
    const v = await this.admin.publish(process, body, this.who(ctx));
    res.location(`/lifecycles/${process}/versions/${v.version}`);
    return { process, ...withoutDefinition(v) };
  }

  @Get(':process/diff')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'States and transitions added and removed, changed guards and meta' })
  @ApiQuery({ name: 'from', example: '1', description: 'a version (1, v1), a draft (draft:2) or live' })
  @ApiQuery({ name: 'to', example: 'draft:1' })
  @ApiProduces('application/json', 'text/plain')
  async diff(@Param('process') process: string, @Query('from') from: unknown, @Query('to') to: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const diff = await this.admin.diff(process, await this.ref(process, from, 'from'), await this.ref(process, to, 'to'));
    return negotiate(req, res, diff, () => formatDiff(diff));
  }

  @Post(':process/migrations')
  @Roles('process-owner')
  @Expensive()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move tickets in flight from one version to another with an explicit state mapping; dryRun lists every ticket first' })
  @ApiResponse({ status: 422, description: 'The mapping would leave tickets in states the target version lacks' })
  @ApiProduces('application/json', 'text/plain')
  @ApiResponse({ status: 200, description: 'The migration report: every ticket moved (or, with dryRun, that would move)' })
  async migrate(@Param('process') process: string, @Body() body: MigrationDto, @Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.admin.migrate(process, body, this.who(ctx));
    return negotiate(req, res, report, () => formatMigration(report, { maxTickets: 100 }));
  }

  private who(ctx: RequestContext): Who {
    return { actor: ctx.actor, source: 'api' };
  }

  private async ref(process: string, value: unknown, name: string): Promise<DefinitionRef> {
    if (typeof value !== 'string') throw new BadRequestException(`Query parameter ${name} is required: a version (1), a draft (draft:2) or live`);
    if (value === 'live') return { version: latestOf(await this.admin.history(process))!.version };
    const version = /^v?(\d{1,9})$/.exec(value);
    if (version) return { version: Number(version[1]) };
    const draft = /^draft:(\d{1,9})$/.exec(value);
    if (draft) return { draft: Number(draft[1]) };
    throw new BadRequestException(`Query parameter ${name} must be a version (1), a draft (draft:2) or live`);
  }
}

const refOf = (body: WhatIfDto): DefinitionRef => ({ definition: body.definition, draft: body.draft, version: body.version });

function withoutDefinition<T extends { definition: unknown }>(value: T): Omit<T, 'definition'> {
  const { definition: _d, ...rest } = value;
  return rest;
}
