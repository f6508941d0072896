import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { KnownErrorQueries, type KnownErrorsRow } from '@itil/read-models';
import { READ_TICKETS, Roles } from '../auth/roles';
import { KnownErrorQuery } from './read-models.dto';
import { negotiate } from './read-model.presenter';
import { ReadSideService } from './read-side.service';

const present = (k: KnownErrorsRow) => ({
  id: k.ticket_id,
  href: `/${k.process === 'problem' ? 'problems' : 'tickets'}/${k.ticket_id}`,
  status: k.state,
  stateCategory: k.state_category,
  title: k.title,
  symptom: k.symptom,
  workaround: k.workaround,
  rootCause: k.root_cause,
  resolutionNotes: k.resolution_notes,
  service: k.service,
  configurationItem: k.configuration_item,
  publishedAt: k.published_at,
  updatedAt: k.updated_at,
});

/** The known error database (problems whose known error record is published), from the tickets read model. */
@ApiTags('problems')
@Roles(...READ_TICKETS)
@ApiResponse({ status: 400, description: 'Unknown or malformed parameter, an empty search, a forged cursor (problem+json)' })
@ApiResponse({ status: 503, description: '?after= given and the read model had not reached it in time' })
@Controller('known-errors')
export class KnownErrorsReadController {
  private readonly knownErrors: KnownErrorQueries;

  constructor(private readonly side: ReadSideService) {
    this.knownErrors = new KnownErrorQueries(side.rm);
  }

  @Get()
  @ApiOperation({ summary: 'Search known errors: every word of q in the title, symptom, workaround, root cause or resolution; filter by service and configuration item; newest published first, with a cursor' })
  @ApiProduces('application/json', 'text/csv')
  async search(@Query() query: KnownErrorQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.side.after('tickets', query.after);
    const page = await this.knownErrors.search({ text: query.q, service: query.service, configurationItem: query.configurationItem }, { limit: query.limit, cursor: query.cursor });
    const items = page.items.map(present);
    return negotiate(accept, res, { items, nextCursor: page.nextCursor }, items);
  }
}
