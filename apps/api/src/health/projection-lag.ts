import type { EventStore } from '@itil/event-store';
import { allProjections, projectionStatus, type ReadModelDb } from '@itil/read-models';

/** Lag beyond this many events is reported as "at least" (counting costs a read of the log). */
export const HEALTH_LAG_CAP = 1_000;

export interface ProjectionLag {
  name: string;
  /** The live generation (null: none built yet, every event is still to project). */
  generation: number | null;
  position: string | null;
  /** Events in the log after the live checkpoint, up to HEALTH_LAG_CAP (then `lagEventsCapped`). */
  lagEvents: number | null;
  lagEventsCapped: boolean;
  /** The head event's recordedAt minus the checkpoint event's; 0 when caught up. */
  lagSeconds: number | null;
  /** An event is parked: the projection waits for an operator. */
  parked: boolean;
  /** A new generation is being built beside the live one. */
  rebuilding: boolean;
}

/** Each projection's lag, as GET /projections counts it, in the small shape /health reports. */
export async function projectionLag(rm: ReadModelDb, store: EventStore): Promise<ProjectionLag[]> {
  const status = await projectionStatus(rm, store, allProjections(), HEALTH_LAG_CAP);
  return status.map((p) => ({
    name: p.name,
    generation: p.live?.generation ?? null,
    position: p.live?.position ?? null,
    lagEvents: p.live?.lagEvents ?? null,
    lagEventsCapped: p.live?.lagEventsCapped ?? false,
    lagSeconds: p.live?.lagSeconds ?? null,
    parked: p.parked.length > 0,
    rebuilding: p.building !== null,
  }));
}
