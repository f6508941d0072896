/**
 * Runs a periodic job one tick at a time: a tick asked for while one runs waits for it, a
 * failing tick does not stop the next, and `stopped()` waits for the tick in flight so the
 * store can close under it safely. The SLA scheduler and the automation timers tick this way.
 */
export class SerialTicker<R> {
  private running: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly run: () => Promise<R>) {}

  tick(): Promise<R> {
    const next = this.running.then(() => this.run());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Ticks every `intervalMs` of real time (production); errors go to `onError`, the next tick tries again. */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    this.stop();
    this.timer = setInterval(() => void this.tick().catch(onError), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async stopped(): Promise<void> {
    this.stop();
    await this.running.catch(() => undefined);
  }
}
