import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { LIFECYCLE_FOLLOWER, type LifecycleFollower } from '@itil/lifecycles';
import { Public } from '../auth/roles';

/**
 * Liveness and readiness: the API is up, its event store answers a read, and it follows the
 * lifecycle versions published elsewhere (down while the follower waits to subscribe again;
 * versions this build cannot run are listed, with the reason).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIFECYCLE_FOLLOWER) private readonly follower: LifecycleFollower,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the event store answers and the published lifecycles are loaded' })
  check() {
    return this.health.check([() => this.eventStore(), () => this.lifecycles()]);
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const head = await this.store.headPosition();
    return { eventStore: { status: 'up', headPosition: head === undefined ? null : head.toString() } };
  }

  private lifecycles(): HealthIndicatorResult {
    const state = this.follower.state();
    const indicator = this.indicators.check('lifecycles');
    return state.following ? indicator.up({ ...state }) : indicator.down({ ...state });
  }
}
