import { Body, Controller, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangeDataAdmin, isUnderReview, type ChangeDataKind, type ChangeDataWho } from '@itil/change';
import { READ_TICKETS, Roles, type Role } from '../auth/roles';
import { Ctx, type RequestContext } from '../http/request-context';
import { ChangeDataPublishDto, TemplateReviewDto } from './change-data.dto';

const Version = () => Param('version', new ParseIntPipe());
/** Change data decides who may authorise what: the change manager publishes it (admin passes every check). */
const CHANGE_MANAGERS: Role[] = ['change-manager'];

/**
 * Risk questionnaires, approval rules, freeze calendars and standard change templates, each a
 * versioned document whose versions are facts in the log: list, read one (its live document and
 * every version's author and time), read a version, publish the next one over the version read.
 */
abstract class ChangeDataController {
  protected abstract readonly kind: ChangeDataKind;
  protected abstract readonly path: string;
  constructor(protected readonly admin: ChangeDataAdmin) {}

  @Get()
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'Every id with its live version' })
  list() {
    return this.admin.list(this.kind);
  }

  @Get(':id')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'The live document and the history of its versions (who published each, when, why); ETag is the live version' })
  @ApiResponse({ status: 200, description: 'The live document and its versions' })
  @ApiResponse({ status: 404, description: 'Nothing published under this id' })
  async history(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const h = await this.admin.history(this.kind, id);
    const live = h.versions[h.versions.length - 1];
    res.setHeader('ETag', `"${live.version}"`);
    return {
      kind: this.kind,
      id,
      liveVersion: live.version,
      underReview: isUnderReview(h, live.version),
      document: live.document,
      versions: h.versions.map(({ document: _d, ...v }) => ({ ...v, href: this.href(id, v.version) })),
      reviews: h.reviews,
    };
  }

  @Get(':id/versions/:version')
  @Roles(...READ_TICKETS)
  @ApiOperation({ summary: 'One published version with its document' })
  @ApiResponse({ status: 200, description: 'The version' })
  @ApiResponse({ status: 404, description: 'No such id or version' })
  async version(@Param('id') id: string, @Version() version: number) {
    return { kind: this.kind, id, ...(await this.admin.version(this.kind, id, version)) };
  }

  @Post(':id')
  @Roles(...CHANGE_MANAGERS)
  @ApiOperation({ summary: 'Publish the next version: changes assessed, convened or raised from now on use it; changes in flight keep theirs' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The live version read ("2"): 412 if someone published since' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers the first result and writes nothing' })
  @ApiResponse({ status: 201, description: 'Published' })
  @ApiResponse({ status: 400, description: 'Malformed document: unknown fields, wrong types, missing fields (findings with JSON paths)' })
  @ApiResponse({ status: 409, description: 'expectedVersion is not the live version any more' })
  @ApiResponse({ status: 412, description: 'If-Match is not the live version any more' })
  @ApiResponse({ status: 422, description: 'A rule of the format is broken (findings), or identical to the live version' })
  async publish(@Param('id') id: string, @Body() body: ChangeDataPublishDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const ifMatch = ctx.options.expectedRevision === undefined ? undefined : Number(ctx.options.expectedRevision);
    const r = await this.admin.publish(this.kind, id, { document: body.document, expectedVersion: body.expectedVersion, ifMatch, notes: body.notes }, this.who(ctx), ctx.options);
    res.location(this.href(id, r.version.version)).setHeader('ETag', `"${r.version.version}"`);
    if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { kind: this.kind, id, ...r.version, replayed: r.replayed, position: r.position?.toString() ?? null };
  }

  protected who(ctx: RequestContext): ChangeDataWho {
    return { actor: ctx.actor, source: 'api' };
  }

  protected href(id: string, version: number): string {
    return `/change-data/${this.path}/${id}/versions/${version}`;
  }
}

const Tags = () => ApiTags('change-data');

@Tags()
@Controller('change-data/risk-questionnaires')
export class RiskQuestionnairesController extends ChangeDataController {
  protected readonly kind = 'questionnaire';
  protected readonly path = 'risk-questionnaires';
  constructor(@Inject(ChangeDataAdmin) admin: ChangeDataAdmin) {
    super(admin);
  }
}

@Tags()
@Controller('change-data/approval-rules')
export class ApprovalRulesController extends ChangeDataController {
  protected readonly kind = 'approval-rule';
  protected readonly path = 'approval-rules';
  constructor(@Inject(ChangeDataAdmin) admin: ChangeDataAdmin) {
    super(admin);
  }
}

@Tags()
@Controller('change-data/freeze-calendars')
export class FreezeCalendarsController extends ChangeDataController {
  protected readonly kind = 'freeze-calendar';
  protected readonly path = 'freeze-calendars';
  constructor(@Inject(ChangeDataAdmin) admin: ChangeDataAdmin) {
    super(admin);
  }
}

@Tags()
@Controller('change-data/templates')
export class StandardChangeTemplatesController extends ChangeDataController {
  protected readonly kind = 'template';
  protected readonly path = 'templates';
  constructor(@Inject(ChangeDataAdmin) admin: ChangeDataAdmin) {
    super(admin);
  }

  @Post(':id/versions/:version/review')
  @HttpCode(200)
  @Roles(...CHANGE_MANAGERS)
  @ApiOperation({ summary: 'Flag a template version for review (e.g. after a failed change): it raises no new standard change until a new version is published' })
  @ApiResponse({ status: 200, description: 'Flagged (written: 0 when it already was)' })
  @ApiResponse({ status: 404, description: 'No such template version' })
  async review(@Param('id') id: string, @Version() version: number, @Body() body: TemplateReviewDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const r = await this.admin.markUnderReview(id, version, body, this.who(ctx), ctx.options);
    if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { kind: this.kind, id, version, underReview: true, reviews: r.state.reviews, written: r.events.length, replayed: r.replayed };
  }
}
