import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { LIFECYCLE_FOLLOWER, type LifecycleFollower } from '@itil/lifecycles';
import type { ReadModelDb } from '@itil/read-models';
import { Public } from '../auth/roles';
import { READ_MODEL_DB } from '../read-models/read-models.tokens';
import { projectionLag } from './projection-lag';

/**
 * Liveness and readiness: the API is up, its event store answers a read, and it follows the
 * lifecycle versions published elsewhere (down while the follower waits to subscribe again;
 * versions this build cannot run are listed, with the reason), and how far each projection's
 * read model is behind the log (lag in events and seconds, as GET /projections counts it). A
 * lagging or parked projection does not make the API unhealthy (commands still work; the read
 * side says so itself with 503 on ?after=): it is reported for operators and alerts.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIFECYCLE_FOLLOWER) private readonly follower: LifecycleFollower,
    @Inject(READ_MODEL_DB) private readonly rm: ReadModelDb,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the event store answers and the published lifecycles are loaded, and how far each projection lags (events, seconds)' })
  check() {
    return this.health.check([() => this.eventStore(), () => this.lifecycles(), () => this.projections()]);
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const head = await this.store.headPosition();
    return { eventStore: { status: 'up', headPosition: head === undefined ? null : head.toString() } };
  }

  private async projections(): Promise<HealthIndicatorResult> {
    const projections = await projectionLag(this.rm, this.store);
    return { readModels: { status: 'up', projections } };
  }

  private lifecycles(): HealthIndicatorResult {
    const state = this.follower.state();
    const indicator = this.indicators.check('lifecycles');
    return state.following ? indicator.up({ ...state }) : indicator.down({ ...state });
  }
}
