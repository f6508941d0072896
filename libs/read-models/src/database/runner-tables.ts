/**
 * The runner's own tables (created by the migrations in runner-migrations.ts). Positions are
 * decimal text: `$all` positions are unsigned 64-bit, beyond what every SQL integer type holds.
 */
export interface ProjectionGenerationsTable {
  name: string;
  /** 1, 2, 3...: each build from zero (a version bump or an operator's rebuild) is a new generation with its own tables. */
  generation: number;
  version: number;
  /** building: catching up beside the live one; live: what queries read; retired: replaced, kept readable. */
  role: 'building' | 'live' | 'retired';
  /** Last `$all` position applied; null before the first event. */
  position: string | null;
  /** recordedAt of the event at `position`: lag in seconds is the head's recordedAt minus this. */
  last_recorded_at: string | null;
  /** Events read and applied (or deliberately skipped) so far, ignored ones included. */
  events_seen: number;
  /** 1 while an event is parked: the generation does not advance until an operator decides. */
  parked: number;
  started_at: string;
  live_since: string | null;
  updated_at: string;
}

export interface ProjectionLeasesTable {
  name: string;
  holder: string | null;
  /** Epoch milliseconds; a holder that stops renewing loses the lease at this time. */
  expires_at: number;
}

export interface ProjectionParkedTable {
  name: string;
  generation: number;
  position: string;
  event_id: string;
  event_type: string;
  stream_id: string;
  error: string;
  attempts: number;
  parked_at: string;
  /** null while waiting; retry or skip once an operator decided. */
  decision: 'retry' | 'skip' | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface RunnerTables {
  projection_generations: ProjectionGenerationsTable;
  projection_leases: ProjectionLeasesTable;
  projection_parked: ProjectionParkedTable;
}
