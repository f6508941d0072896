import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChangeCalendarQueries, type FreezeWindowSource } from '@itil/read-models';
import { READ_TICKETS, Roles } from '../auth/roles';
import { ChangeCalendarQuery } from './read-models.dto';
import { negotiate } from './read-model.presenter';
import { FREEZE_WINDOWS } from './read-models.tokens';
import { ReadSideService } from './read-side.service';

/** The forward schedule of change: planned windows, freeze windows and collisions in a range. */
@ApiTags('read models')
// Under /changes: readable like the changes themselves (not by a reporter).
@Roles(...READ_TICKETS)
@ApiResponse({ status: 400, description: 'Missing or malformed from/to, to not after from, a range over 366 days, an unknown parameter (problem+json)' })
@ApiResponse({ status: 503, description: '?after= given and the read model had not reached it in time' })
@Controller('changes')
export class ChangeCalendarController {
  private readonly calendar: ChangeCalendarQueries;

  constructor(
    private readonly side: ReadSideService,
    @Inject(FREEZE_WINDOWS) private readonly freezes: FreezeWindowSource,
  ) {
    this.calendar = new ChangeCalendarQueries(side.rm);
  }

  @Get('calendar')
  @ApiOperation({ summary: 'Scheduled and implementing changes whose planned window overlaps [from, to), the freeze windows, and collisions (two changes on one configuration item in overlapping windows). CSV: one row per change' })
  @ApiProduces('application/json', 'text/csv')
  async get(@Query() query: ChangeCalendarQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.side.after('tickets', query.after);
    const calendar = await this.calendar.calendar({ from: query.from, to: query.to }, this.freezes);
    return negotiate(accept, res, calendar, calendar.changes.map((c) => ({ ...c })));
  }
}
