import { Controller, Get, Headers, Inject, MessageEvent, Param, Query, Res, Sse } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { liveGeneration } from '@itil/read-models';
import { READ_MODELS, Roles } from '../auth/roles';
import { QueueQuery } from './read-models.dto';
import { negotiate, presentTicket } from './read-model.presenter';
import { READ_MODELS_SETTINGS, type ReadModelsSettings } from './read-models.settings';
import { ReadSideService } from './read-side.service';

/** A resolver group's queue: open items by priority, SLA due time, age; also live over SSE. */
@ApiTags('read models')
@Roles(...READ_MODELS)
@Controller('queues')
export class QueuesController {
  constructor(
    private readonly side: ReadSideService,
    @Inject(READ_MODELS_SETTINGS) private readonly settings: ReadModelsSettings,
  ) {}

  @Get(':group')
  @ApiOperation({ summary: "A group's open items: priority first, then SLA due time, then age" })
  @ApiProduces('application/json', 'text/csv')
  async queue(@Param('group') group: string, @Query() query: QueueQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.side.after('tickets', query.after);
    const items = (await this.side.tickets.queue(group, query.limit)).map(presentTicket);
    return negotiate(accept, res, { group, items }, items.map(({ fields: _f, lifecycle: _l, ...rest }) => rest));
  }

  @Sse(':group/stream')
  @ApiOperation({ summary: 'Server-Sent Events: the queue now, then again each time the read model changes it' })
  stream(@Param('group') group: string, @Query() query: QueueQuery): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let last: string | undefined;
      let lastPosition: string | null | undefined;
      let stopped = false;
      const tick = async () => {
        if (stopped) return;
        try {
          const gen = await liveGeneration(this.side.rm.db, 'tickets');
          const position = gen?.position ?? null;
          if (position !== lastPosition) {
            lastPosition = position;
            const items = (await this.side.tickets.queue(group, query.limit)).map(presentTicket);
            const text = JSON.stringify(items);
            // Only a change of the queue itself is sent, not every event of the log.
            if (text !== last) {
              last = text;
              subscriber.next({ type: 'queue', id: position === null ? '0' : BigInt(position).toString(), data: { group, position: position === null ? null : BigInt(position).toString(), items } });
            }
          }
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (!stopped) timer = setTimeout(() => void tick(), this.settings.streamPollMs);
      };
      let timer: NodeJS.Timeout | undefined;
      void tick();
      const maxMs = this.settings.streamMaxMs;
      const end = maxMs > 0 ? setTimeout(() => { stopped = true; subscriber.complete(); }, maxMs) : undefined;
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        if (end) clearTimeout(end);
      };
    });
  }
}
