import type { JsonObject } from '@itil/event-store';
import type { EventEnvelope } from '../envelope/event-envelope';

/** What an upcaster may read of the stored event besides its data (e.g. the pinned machine). */
export interface UpcastSource {
  type: string;
  streamId: string;
  envelope: EventEnvelope;
}

/** Brings an event's data from schema version `from` to `from + 1`; pure, no I/O. */
export type Upcaster = (data: JsonObject, event: UpcastSource) => JsonObject;

/**
 * Old schemas are upcast on read (BRIEF principle 4): the log keeps every event as it was
 * written (and hashed), and readers see it in the schema this build folds.
 *
 *   upcasters.register('IncidentAssigned', 1, (d) => ({ ...d, fields: { assignmentGroup: d.assignmentGroup } }));
 *
 * registers the step from schema 1 to 2 for that type. Steps chain (1 -> 2 -> 3), so a change of
 * schema adds one step and never edits the old ones. Registering the step from `n` declares
 * `n + 1` the current schema of the type: the pipeline writes new events of that type with
 * `schemaVersion: n + 1`, and an event stored with a version above the current one (written by a
 * newer build) is one this build does not know: folds skip it, as they skip unknown types.
 * The pipeline applies the registry wherever it reads (`run`, `read`, `readState`); register the
 * steps before the first command, e.g. in the module that defines the process.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();
  private readonly current = new Map<string, number>();

  register(eventType: string, fromVersion: number, upcast: Upcaster): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) throw new Error(`schema versions start at 1, not ${fromVersion}`);
    const steps = this.steps.get(eventType) ?? new Map<number, Upcaster>();
    if (steps.has(fromVersion)) throw new Error(`${eventType} already has an upcaster from schema ${fromVersion}`);
    steps.set(fromVersion, upcast);
    this.steps.set(eventType, steps);
    this.current.set(eventType, Math.max(this.current.get(eventType) ?? 1, fromVersion + 1));
    return this;
  }

  /** The schema version this build writes and folds for a type (1 when it was never upcast). */
  currentVersion(eventType: string): number {
    return this.current.get(eventType) ?? 1;
  }

  /**
   * The event's data in the current schema and that version, or undefined when the event was
   * stored with a newer schema than this build knows. Returns the same event when nothing applies.
   */
  upcast<T extends UpcastSource & { data: JsonObject }>(event: T): T | undefined {
    const stored = event.envelope?.schemaVersion ?? 1;
    const current = this.currentVersion(event.type);
    if (stored === current) return event;
    if (stored > current) return undefined;
    const steps = this.steps.get(event.type)!;
    let data = event.data;
    for (let version = stored; version < current; version++) {
      const step = steps.get(version);
      if (!step) throw new Error(`${event.type}: no upcaster from schema ${version} (stored ${stored}, current ${current})`);
      data = step(data, event);
    }
    return { ...event, data, envelope: { ...event.envelope, schemaVersion: current }, upcastFrom: stored };
  }
}
