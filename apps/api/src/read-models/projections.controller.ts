import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { allProjections, projectionStatus } from '@itil/read-models';
import { READ_MODELS, Roles } from '../auth/roles';
import { ReadSideService } from './read-side.service';

@ApiTags('read models')
@Roles(...READ_MODELS)
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly side: ReadSideService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: live and building generations, checkpoint, lag in events and seconds, lease, parked events' })
  status() {
    return projectionStatus(this.side.rm, this.store, allProjections(), 10_000);
  }
}
