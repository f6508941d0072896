import type { DomainEvent, EventEnvelope } from '../envelope/event-envelope';
import type { UpcasterRegistry } from '../upcasting/upcaster-registry';
import type { Evolver } from './decider';

/** Where the engine reports what it skipped; the app passes its own logger. */
export interface EngineLogger {
  warn(message: string): void;
}
export const consoleLogger: EngineLogger = { warn: (message) => console.warn(message) };

/** An event as stored or as just written: enough to upcast and fold it. */
export type FoldableEvent = DomainEvent & { streamId: string; envelope: EventEnvelope };

/**
 * Makes every fold total: an event is upcast to the current schema, and one this build cannot
 * fold (a type the evolver does not know, or a schema newer than this build's) is skipped and
 * reported once per type, never folded. Skipping is safe for deciding: the facts this build
 * knows are still all folded, and the revision check still covers the whole stream.
 */
export class EventFolder {
  private readonly reported = new Set<string>();

  constructor(
    readonly upcasters: UpcasterRegistry,
    private readonly logger: EngineLogger = consoleLogger,
  ) {}

  /** The event in the schema this build folds, or undefined when it cannot fold it. */
  current<T extends FoldableEvent>(evolver: Pick<Evolver<DomainEvent, unknown>, 'knows'>, event: T): T | undefined {
    const upcast = this.upcasters.upcast(event);
    if (!upcast) {
      this.report(`${event.type}@${event.envelope.schemaVersion}`, `schema ${event.envelope.schemaVersion} of ${event.type} is newer than this build's (${this.upcasters.currentVersion(event.type)})`, event);
      return undefined;
    }
    if (!evolver.knows(upcast)) {
      this.report(event.type, `this build does not know the event type ${event.type}`, event);
      return undefined;
    }
    return upcast;
  }

  /** Folds one event into the state, or leaves the state as it was when the event is unknown. */
  apply<E extends DomainEvent, S>(evolver: Evolver<E, S>, state: S, event: FoldableEvent): S {
    const known = this.current(evolver, event);
    return known ? evolver.evolve(state, { type: known.type, data: known.data } as E) : state;
  }

  private report(key: string, message: string, event: FoldableEvent): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger.warn(`${message}: folds skip it (first seen in ${event.streamId}; reported once)`);
  }
}
