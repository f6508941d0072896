import { performance } from 'node:perf_hooks';
import { CommandPipeline, type Command, type CommandOptions, type CommandPipelineOptions, type CommandResult, type Decider, type DomainEvent, type IdGenerator } from '@itil/engine';
import { WrongExpectedVersionError, type EventStore } from '@itil/event-store';
import { statusOfCode } from '../http/error-status';
import type { EngineMetrics } from './engine-metrics';

interface CommandScope {
  conflicts: number;
}

/** ok / replayed for results; refused (4xx), conflict (409) or error (the rest) by the error's code. */
function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  // The ticket engine asks for references decide needs, and runs the command again: not an error.
  if (code === 'TICKET.REFERENCES_NEEDED') return 'references-needed';
  const status = typeof code === 'string' ? statusOfCode(code) : undefined;
  if (status === 409) return 'conflict';
  if (status !== undefined && status < 500) return 'refused';
  return 'error';
}

/**
 * The engine's command pipeline, measured: commands by type and outcome, latency, conflicts and
 * retries, append latency. It also knows how many commands are running, so a graceful shutdown
 * can wait for them. The rules stay in the pipeline; this only counts.
 */
export class InstrumentedCommandPipeline extends CommandPipeline {
  /**
   * Each running command's counts, by the options object its run passes down: concurrent
   * commands never mix them. (Not AsyncLocalStorage, whose promise hooks every promise of the
   * process pays for.)
   */
  private readonly scopes = new WeakMap<CommandOptions, CommandScope>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(store: EventStore, ids: IdGenerator, private readonly metrics: EngineMetrics, options?: CommandPipelineOptions) {
    super(timedAppends(store, metrics), ids, options);
  }

  override async run<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, options: CommandOptions = {}): Promise<CommandResult<S, E>> {
    const started = performance.now();
    const scope: CommandScope = { conflicts: 0 };
    this.running++;
    this.metrics.commandsInFlight.inc();
    let outcome = 'error';
    try {
      const own = { ...options };
      this.scopes.set(own, scope);
      const result = await super.run(decider, streamId, command, own);
      outcome = result.replayed ? 'replayed' : 'ok';
      return result;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      const retries = scope.conflicts - (outcome === 'conflict' && scope.conflicts > 0 ? 1 : 0);
      if (retries > 0) this.metrics.retries.inc(retries);
      this.metrics.commands.inc({ type: command.type, outcome });
      this.metrics.commandSeconds.observe({ type: command.type }, (performance.now() - started) / 1000);
      this.metrics.commandsInFlight.dec();
      if (--this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  protected override conflicted(_streamId: string, options: CommandOptions): void {
    this.metrics.conflicts.inc();
    const scope = this.scopes.get(options);
    if (scope) scope.conflicts++;
  }

  get inFlight(): number {
    return this.running;
  }

  /** Resolves when no command is running (at once if none is). */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

/** The same store, with appends timed. */
function timedAppends(store: EventStore, metrics: EngineMetrics): EventStore {
  const appendToStream: EventStore['appendToStream'] = async (...args) => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await store.appendToStream(...args);
    } catch (error) {
      outcome = error instanceof WrongExpectedVersionError ? 'conflict' : 'error';
      throw error;
    } finally {
      metrics.appendSeconds.observe({ outcome }, (performance.now() - started) / 1000);
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
