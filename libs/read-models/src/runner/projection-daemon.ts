import { START, type EventStore, type Subscription } from '@itil/event-store';
import { ProjectionRunner, type RunnerLogger, type RunnerOptions } from './projection-runner';
import type { AnyProjection } from './projection';

export interface DaemonOptions extends Omit<RunnerOptions, 'projection'> {
  projections: AnyProjection[];
  /** Longest wait between looks at the log when nothing woke the runner (other processes' appends, operator decisions). */
  pollMs?: number;
}

/**
 * Keeps projections live: each runner takes its projection's lease (or waits for it), catches
 * up, then sleeps until the store reports a new event (or the poll interval passes), renewing
 * the lease on the way. Several daemons (processes) share the work: each projection has one
 * owner at a time, and another takes over when the owner dies.
 */
export class ProjectionDaemon {
  private stopped = false;
  private readonly runners: ProjectionRunner[];
  private readonly loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private notifier: Subscription | undefined;
  private readonly logger: RunnerLogger;

  constructor(private readonly options: DaemonOptions) {
    this.runners = options.projections.map((projection) => new ProjectionRunner({ ...options, projection }));
    this.logger = options.logger ?? { log: () => undefined, warn: () => undefined, error: () => undefined };
  }

  async start(): Promise<void> {
    await this.listen(this.options.store);
    for (const runner of this.runners) this.loops.push(this.loop(runner));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeAll();
    await this.notifier?.unsubscribe();
    await Promise.allSettled(this.loops);
    await Promise.allSettled(this.runners.map((r) => r.release()));
  }

  private async listen(store: EventStore): Promise<void> {
    const head = await store.headPosition();
    this.notifier = store.subscribeToAll({ fromPosition: head ?? START });
    // The events themselves are read by each runner from its checkpoint; this only wakes them.
    void (async () => {
      for await (const _event of this.notifier!) this.wakeAll();
    })().catch((error: unknown) => {
      if (!this.stopped) this.logger.warn(`projections: store notifications stopped (${String(error)}); polling every ${this.pollMs} ms`);
    });
  }

  private get pollMs(): number {
    return this.options.pollMs ?? 500;
  }

  private wakeAll(): void {
    const wakers = this.wakers;
    this.wakers = new Set();
    for (const wake of wakers) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wakers = this.wakers;
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      this.wakers.add(done);
    });
  }

  private async loop(runner: ProjectionRunner): Promise<void> {
    const ttl = this.options.leaseTtlMs ?? 15_000;
    let holding = false;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!holding) {
          holding = await runner.acquire();
          if (!holding) {
            await this.sleep(Math.min(this.pollMs, ttl / 3));
            continue;
          }
          this.logger.log(`${runner.name}: lease taken by ${this.options.holder}`);
        }
        const outcome = await runner.step();
        failures = 0;
        if (outcome === 'progressed') continue;
        if (outcome === 'lease-lost') {
          holding = false;
          this.logger.warn(`${runner.name}: lease lost; another process runs it now`);
          continue;
        }
        // Caught up or parked: renew (the heartbeat) and wait for news.
        holding = await runner.renew();
        await this.sleep(Math.min(this.pollMs, ttl / 3));
      } catch (error) {
        // Infrastructure (store or database down), not the projection's code: retry, never park.
        failures++;
        this.logger.error(`${runner.name}: ${error instanceof Error ? error.message : String(error)}; retrying`);
        await this.sleep(Math.min(200 * 2 ** Math.min(failures, 6), ttl / 3));
      }
    }
  }
}
