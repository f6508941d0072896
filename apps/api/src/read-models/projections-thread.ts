import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectorConfig, RunnerLogger } from '@itil/read-models';
import type { FromProjections, ToProjections } from './projections-thread.messages';

export interface ProjectionsThreadOptions {
  config: ProjectorConfig;
  logger: RunnerLogger;
  /** Wait before starting again after the thread died (default 1 s, doubling to 30 s). */
  restartDelayMs?: (attempt: number) => number;
}

/**
 * The read models projected in a worker thread of the API (the embedded default). A worker has
 * its own event loop: applying a batch of events, however long, never delays a request; the
 * thread reads the log through its own store connection and writes the read models through its
 * own database connection, exactly as a separate projector process does, under the same leases.
 * Should the thread die, it is started again (the leases and checkpoints make that safe).
 */
export class ProjectionsThread {
  private worker: Worker | undefined;
  private stopping = false;
  private attempt = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ProjectionsThreadOptions) {}

  /** Resolves once the projector in the thread runs (its leases taken or waited for). */
  start(): Promise<void> {
    return new Promise((resolveStart, rejectStart) => {
      const worker = spawn(this.options.config);
      this.worker = worker;
      let started = false;
      worker.on('message', (message: FromProjections) => {
        if (message.type === 'log') this.options.logger[message.level](message.message);
        else if (message.type === 'started') {
          started = true;
          this.attempt = 0;
          resolveStart();
        } else if (message.type === 'failed') {
          this.options.logger.error(`projections thread failed: ${message.message}`);
          if (!started) rejectStart(new Error(message.message));
          void worker.terminate();
        }
      });
      worker.on('error', (error) => {
        this.options.logger.error(`projections thread crashed: ${error.stack ?? error.message}`);
        if (!started) rejectStart(error);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        // The first start failing fails the API's start (start() rejected); a restart failing tries again, later.
        if (this.stopping || (!started && this.attempt === 0)) return;
        const delay = (this.options.restartDelayMs ?? backoff)(++this.attempt);
        this.options.logger.warn(`projections thread exited (code ${code}); starting it again in ${delay} ms`);
        this.restartTimer = setTimeout(() => this.start().catch(() => undefined), delay);
      });
    });
  }

  /** The thread finishes its batch, releases its leases and closes its connections. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((done) => {
      worker.once('exit', () => done());
      worker.on('message', (message: FromProjections) => {
        if (message.type === 'stopped' || message.type === 'failed') void worker.terminate();
      });
      worker.postMessage({ type: 'stop' } satisfies ToProjections);
    });
  }

  /** The thread's id while it runs (tests kill it to see it come back). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  /** Ends the thread at once, as a crash would (tests only). */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }
}

const backoff = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/**
 * Built, the entry is JavaScript beside this file. From source (tests, `nest start` in watch
 * mode), it is TypeScript, compiled on load by the same swc hook the multi-process tests use.
 */
function spawn(config: ProjectorConfig): Worker {
  const entry = join(__dirname, `projections.worker${extname(__filename)}`);
  if (extname(__filename) === '.js') return new Worker(entry, { workerData: config });
  const register = resolve(__dirname, '../multi-process/swc-register.js');
  return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(entry)});`, { eval: true, workerData: config });
}
