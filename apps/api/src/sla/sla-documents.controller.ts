import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SlaAdmin, type SlaDocumentKind, type Who } from '@itil/sla';
import { READ_TICKETS, Roles } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { SlaDocumentDto, SlaDraftDto, SlaPublishDto } from './sla.dto';

const Version = () => Param('version', new ParseIntPipe());
const OWNERS = ['process-owner', 'admin'] as const;

/**
 * Calendars and policies are versioned like lifecycles: validate (writes nothing), save a draft,
 * publish the next version with the expected live version, read the history. A published version
 * reaches clocks that start afterwards; running clocks only through a recorded re-baseline.
 */
abstract class SlaDocumentsController {
  protected abstract readonly kind: SlaDocumentKind;
  protected abstract readonly path: string;
  constructor(protected readonly admin: SlaAdmin) {}

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every published name with its live version' })
  list() {
    return this.admin.list(this.kind);
  }

  @Post('validate')
  @HttpCode(200)
  @Roles(...OWNERS)
  @ApiOperation({ summary: 'Validate a document without saving anything: findings with JSON paths' })
  async validate(@Body() body: SlaDocumentDto) {
    const { valid, findings } = await this.admin.validate(this.kind, body.document);
    return { valid, findings };
  }

  @Get(':name')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Versions and drafts of one name (documents omitted)' })
  async history(@Param('name') name: string) {
    const h = await this.admin.history(this.kind, name);
    return {
      name,
      liveVersion: h.versions[h.versions.length - 1]?.version ?? 0,
      versions: h.versions.map(({ document: _d, ...v }) => ({ ...v, href: `/sla/${this.path}/${name}/versions/${v.version}` })),
      drafts: h.drafts.map(({ document: _d, ...d }) => d),
    };
  }

  @Get(':name/versions/:version')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One published version with its document' })
  version(@Param('name') name: string, @Version() version: number) {
    return this.admin.version(this.kind, name, version);
  }

  @Post(':name/drafts')
  @Roles(...OWNERS)
  @ApiOperation({ summary: 'Save a draft (it changes nothing live); an invalid document is refused' })
  @ApiResponse({ status: 201, description: 'Saved (or already saved: created=false)' })
  async saveDraft(@Param('name') name: string, @Body() body: SlaDraftDto, @Ctx() ctx: RequestContext) {
    const saved = await this.admin.saveDraft(this.kind, name, body.document, this.who(ctx), body.notes);
    return { created: saved.created, draft: saved.draft };
  }

  @Post(':name/publish')
  @Roles(...OWNERS)
  @ApiOperation({ summary: 'Publish a document or a draft as the next version: new clocks take it, running ones keep theirs' })
  @ApiResponse({ status: 201, description: 'Published' })
  @ApiResponse({ status: 409, description: 'expectedVersion is not the live version any more' })
  @ApiResponse({ status: 422, description: 'Identical to the live version' })
  async publish(@Param('name') name: string, @Body() body: SlaPublishDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    if (body.document !== undefined && body.draft !== undefined) throw new BadRequestException('Give either document or draft, not both');
    const v = await this.admin.publish(this.kind, name, body, this.who(ctx));
    res.location(`/sla/${this.path}/${name}/versions/${v.version}`);
    return { name, ...v };
  }

  private who(ctx: RequestContext): Who {
    return { actor: ctx.actor, source: 'api' };
  }
}

@ApiTags('sla')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Recorded as the author' })
@ApiResponse({ status: 400, description: 'Invalid calendar (findings with JSON paths) or name' })
@Controller('sla/calendars')
export class SlaCalendarsController extends SlaDocumentsController {
  protected readonly kind = 'calendar';
  protected readonly path = 'calendars';
  constructor(@Inject(SlaAdmin) admin: SlaAdmin) {
    super(admin);
  }
}

@ApiTags('sla')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Recorded as the author' })
@ApiResponse({ status: 400, description: 'Invalid policy (findings with JSON paths: unknown calendar, targets, thresholds) or name' })
@Controller('sla/policies')
export class SlaPoliciesController extends SlaDocumentsController {
  protected readonly kind = 'policy';
  protected readonly path = 'policies';
  constructor(@Inject(SlaAdmin) admin: SlaAdmin) {
    super(admin);
  }
}
