import { RevisionConflictError, SerialTicker, unwrap, type Clock, type CommandPipeline } from '@itil/engine';
import { readAllPages, type EventStore, type Position } from '@itil/event-store';
import type { ReferenceResolver, TicketCommand } from '@itil/tickets';
import { ruleActor } from '../rules/automation-rule.types';
import { asStateDecider, categoryOf, deciderOf, lastResolution, withReferences, type Deciders } from '../reactors/ticket-access';
import { TIMER_STREAM_PREFIX, type AutoCloseEndedData, type AutoCloseScheduledData } from './auto-close-timer';

export interface AutoCloseTimersDeps {
  store: EventStore;
  pipeline: CommandPipeline;
  clock: Clock;
  deciders: Deciders;
  references: ReferenceResolver;
  /** Attempts when the ticket changed between the check and the close (default 10). */
  maxAttempts?: number;
  onOutcome?: (timer: PendingTimer, outcome: FireOutcome) => void;
}

export interface PendingTimer {
  data: AutoCloseScheduledData;
  /** The AutoCloseScheduled fact: the close's causation and the root of its idempotency key. */
  scheduledId: string;
  correlationId: string;
}

/** closed: this call closed it; already-done: an earlier call had (same key); stale: the resolution no longer stands; refused: the lifecycle said no. */
export type FireOutcome = { outcome: 'closed' | 'already-done' | 'stale' } | { outcome: 'refused'; code: string; message: string };

const isRefusal = (error: unknown): error is Error & { code: string } => {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && !code.startsWith('STORE.') && !code.startsWith('EVENT_STORE.') && code !== 'ENGINE.REVISION_CONFLICT';
};

/**
 * Fires the due auto-close timers: at its due instant a timer sends CLOSE to its ticket as the
 * rule version that scheduled it, with causation the AutoCloseScheduled fact (whose own causation
 * is the resolution). The pending timers are rebuilt from the `auto-close-` streams, so they
 * survive restarts; time is injected, so tests move a fake clock and call tick().
 *
 * Exactly once, however many instances tick and however often they restart: the close is sent
 * only while the ticket is still resolved by that same resolution, with the revision just read as
 * the expected one (a reopen in between is a conflict, read again, and the timer is stale), and
 * with an idempotency key derived from the timer (a close written before a crash replays).
 */
export class AutoCloseTimers {
  private position: Position | undefined;
  private readonly pending = new Map<string, PendingTimer>();
  private readonly settled = new Set<string>();
  private readonly ticker = new SerialTicker(() => this.tickNow());

  constructor(private readonly deps: AutoCloseTimersDeps) {}

  /** Timers waiting (not yet fired or ended), soonest first. */
  waiting(): PendingTimer[] {
    return [...this.pending.values()].filter((t) => !this.settled.has(t.scheduledId)).sort((a, b) => a.data.dueAt.localeCompare(b.data.dueAt));
  }

  /** Reads the timer facts written since the last sync. */
  async sync(): Promise<void> {
    for await (const page of readAllPages(this.deps.store, { fromPosition: this.position, filter: { streamNamePrefixes: [TIMER_STREAM_PREFIX] } })) {
      for (const recorded of page) {
        const e = unwrap(recorded);
        if (e.type === 'AutoCloseScheduled') this.pending.set(e.streamId, { data: e.data as AutoCloseScheduledData, scheduledId: e.id, correlationId: e.envelope.correlationId });
        else if (e.type === 'AutoCloseCancelled' || e.type === 'AutoCloseCompleted') {
          const t = this.pending.get(e.streamId);
          if (t && t.data.trigger === (e.data as AutoCloseEndedData).trigger) {
            this.pending.delete(e.streamId);
            this.settled.delete(t.scheduledId);
          }
        }
      }
      this.position = page[page.length - 1].position;
    }
  }

  /** Syncs, then fires every timer whose due instant has come. One tick at a time. */
  tick(): Promise<{ fired: number; checked: number }> {
    return this.ticker.tick();
  }

  /** Ticks every `intervalMs` of real time (production); errors go to `onError`, the next tick tries again. */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    this.ticker.start(intervalMs, onError);
  }

  stop(): void {
    this.ticker.stop();
  }

  /** Stops, then waits for a tick in flight, so the store can close under it safely. */
  stopped(): Promise<void> {
    return this.ticker.stopped();
  }

  private async tickNow(): Promise<{ fired: number; checked: number }> {
    await this.sync();
    const now = this.deps.clock.now().toISOString();
    const due = this.waiting().filter((t) => t.data.dueAt <= now);
    let fired = 0;
    for (const t of due) {
      const outcome = await this.fire(t);
      this.settled.add(t.scheduledId);
      if (outcome.outcome === 'closed') fired++;
      this.deps.onOutcome?.(t, outcome);
    }
    return { fired, checked: due.length };
  }

  private async fire(t: PendingTimer): Promise<FireOutcome> {
    const stream = t.data.ticketStream;
    const decider = deciderOf(this.deps.deciders, stream);
    if (!decider) return { outcome: 'stale' };
    const actor = ruleActor(t.data.rule);
    for (let attempt = 1; ; attempt++) {
      const view = await this.deps.pipeline.readState(asStateDecider(decider), stream);
      const ticket = view.state;
      if (!ticket.exists || categoryOf(decider, ticket, ticket.state) !== 'resolved' || lastResolution(decider, ticket, view.events)?.id !== t.data.trigger) return { outcome: 'stale' };
      const note = `Closed by automation rule ${t.data.rule.id} v${t.data.rule.version}: ${t.data.businessMinutes} business minutes after the resolution`;
      const command = await withReferences(decider, this.deps.references, ticket, { type: 'MoveTicket', data: { ticketId: ticket.id, event: 'CLOSE', input: { note } } });
      try {
        const result = await this.deps.pipeline.run(decider, stream, { ...command, metadata: { actor, now: this.deps.clock.now() } } as TicketCommand, {
          idempotencyKey: `${t.scheduledId}#close`,
          causationId: t.scheduledId,
          correlationId: t.correlationId,
          expectedRevision: view.revision,
        });
        return { outcome: result.replayed ? 'already-done' : 'closed' };
      } catch (error) {
        if (error instanceof RevisionConflictError && attempt < (this.deps.maxAttempts ?? 10)) continue;
        if (isRefusal(error)) return { outcome: 'refused', code: error.code, message: error.message };
        throw error;
      }
    }
  }
}
