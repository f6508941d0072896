import type { EventStore } from '@itil/event-store';
import type { ReadModelDb } from '../database/read-model-db';
import type { ProjectionParkedTable } from '../database/runner-tables';
import { generationsOf, type Generation } from './generations';
import { leaseOf } from './lease';
import { parkedEvents } from './parking';
import type { AnyProjection } from './projection';
import { InvalidPositionError } from './projection.errors';

export interface ProjectionStatus {
  name: string;
  codeVersion: number;
  live: GenerationStatus | null;
  building: GenerationStatus | null;
  lease: { holder: string | null; expiresAt: string | null };
  parked: ProjectionParkedTable[];
}

export interface GenerationStatus {
  generation: number;
  version: number;
  role: Generation['role'];
  position: string | null;
  eventsSeen: number;
  parked: boolean;
  /** Events in `$all` after the checkpoint, counted up to `lagCap` (then "at least"). */
  lagEvents: number;
  lagEventsCapped: boolean;
  /** Head's recordedAt minus the checkpoint event's recordedAt; 0 when caught up. */
  lagSeconds: number;
  liveSince: string | null;
}

/** Checkpoint, lag in events and seconds, lease and parked events of each projection. */
export async function projectionStatus(rm: ReadModelDb, store: EventStore, projections: AnyProjection[], lagCap = 10_000): Promise<ProjectionStatus[]> {
  const [headEvent] = await store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
  const out: ProjectionStatus[] = [];
  for (const projection of projections) {
    const gens = await generationsOf(rm.db, projection.name);
    const describe = async (g: Generation | undefined): Promise<GenerationStatus | null> => {
      if (!g) return null;
      const from = g.position === null ? undefined : BigInt(g.position);
      const after = headEvent === undefined ? [] : await store.readAll({ fromPosition: from ?? 'start', maxCount: lagCap + 1 });
      const lag = after.filter((e) => e.position !== from).length;
      const lagSeconds = headEvent && lag > 0 ? Math.max(0, (headEvent.recordedAt.getTime() - (g.last_recorded_at ? Date.parse(g.last_recorded_at) : headEvent.recordedAt.getTime())) / 1000) : 0;
      return {
        generation: g.generation,
        version: g.version,
        role: g.role,
        position: from === undefined ? null : from.toString(),
        eventsSeen: g.events_seen,
        parked: g.parked === 1,
        lagEvents: Math.min(lag, lagCap),
        lagEventsCapped: lag > lagCap,
        lagSeconds,
        liveSince: g.live_since,
      };
    };
    const lease = await leaseOf(rm.db, projection.name);
    const live = lease && lease.expiresAt > 0 ? new Date(lease.expiresAt).toISOString() : null;
    out.push({
      name: projection.name,
      codeVersion: projection.version,
      live: await describe(gens.find((g) => g.role === 'live')),
      building: await describe(gens.find((g) => g.role === 'building')),
      lease: { holder: lease?.holder ?? null, expiresAt: live },
      parked: (await parkedEvents(rm.db, projection.name)).filter((p) => p.decision === null),
    });
  }
  return out;
}

/** Parses a position a client passed (`?after=`): decimal digits only. */
export function parsePosition(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new InvalidPositionError(text);
  return BigInt(text);
}
