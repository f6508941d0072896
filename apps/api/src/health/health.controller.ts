import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { Public } from '../auth/roles';

/** Liveness and readiness: the API is up and its event store answers a read. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.eventStore()]);
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const head = await this.store.headPosition();
    return { eventStore: { status: 'up', headPosition: head === undefined ? null : head.toString() } };
  }
}
