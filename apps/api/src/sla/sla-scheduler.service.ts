import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { SlaScheduler } from '@itil/sla';
import type { EngineConfig } from '../config/engine.config';

/** Overridden to 0 in tests, which tick a scheduler of their own with a fake clock. */
export const SLA_SCHEDULER_INTERVAL = Symbol('SLA_SCHEDULER_INTERVAL');
export const slaSchedulerIntervalProvider = {
  provide: SLA_SCHEDULER_INTERVAL,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EngineConfig, true>) => config.get('SLA_SCHEDULER_INTERVAL_MS', { infer: true }),
};

/**
 * The SLA scheduler inside the API, so `npm start` records warnings and breaches without a cron.
 * Safe beside other instances and the CLI's `sla tick`: each fact has a derived id and is appended
 * at its stream's exact revision, so it is recorded once whoever gets there first.
 */
@Injectable()
export class SlaSchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaScheduler');
  private scheduler: SlaScheduler | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_SCHEDULER_INTERVAL) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.scheduler = new SlaScheduler({ store: this.store, clock: this.clock });
    this.scheduler.start(this.intervalMs, (error) => this.logger.error(`SLA tick failed (retried at the next one): ${String(error)}`));
  }

  /** Stops, with any tick in flight finished, before EngineModule closes the store. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stopped();
  }
}
