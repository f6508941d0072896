import type { DomainEvent } from '@itil/engine';
import type { Level, Priority } from './priority/priority-matrix';

/**
 * The incident events of schema 1, as the hand-written incident decider wrote them before the
 * ticket engine (now retired): the upcasters (process/incident.upcasters.ts) read them in today's
 * shapes, and the fixture and specs write histories in them.
 *
 * Every transition records where it came from, the lifecycle event that moved it and where it
 * led: replay never re-runs guards, and a draft lifecycle can be tried against the history.
 */
type Moved = { from: string; to: string; via: string };

export type IncidentLogged = DomainEvent<
  'IncidentLogged',
  {
    incidentId: string;
    title: string;
    description: string;
    caller: string;
    service: string | null;
    configurationItem: string | null;
    category: string | null;
    impact: Level;
    urgency: Level;
    priority: Priority;
    priorityMatrix: string;
    lifecycle: { id: string; version: number };
    state: string;
    loggedAt: string;
  }
>;
export type IncidentAssigned = DomainEvent<'IncidentAssigned', Moved & { assignmentGroup: string; assignee: string | null; previousGroup: string | null }>;
export type IncidentWorkStarted = DomainEvent<'IncidentWorkStarted', Moved & { assignee: string }>;
export type IncidentPended = DomainEvent<'IncidentPended', Moved & { reason: string; note: string | null }>;
export type IncidentResumed = DomainEvent<'IncidentResumed', Moved>;
export type IncidentResolved = DomainEvent<'IncidentResolved', Moved & { resolutionCode: string; resolutionNotes: string; resolvedAt: string }>;
export type IncidentReopened = DomainEvent<'IncidentReopened', Moved & { reason: string }>;
export type IncidentClosed = DomainEvent<'IncidentClosed', Moved & { note: string | null; closedAt: string }>;
export type IncidentCancelled = DomainEvent<'IncidentCancelled', Moved & { reason: string }>;
export type IncidentCommented = DomainEvent<'IncidentCommented', { text: string; visibility: 'internal' | 'public' }>;
/**
 * A process owner moved the incident to another lifecycle version on purpose, with an explicit
 * state mapping (never a silent remap). From here on the incident runs under `lifecycle`.
 */
export type IncidentLifecycleMigrated = DomainEvent<
  'IncidentLifecycleMigrated',
  {
    migrationId: string;
    lifecycle: { id: string; version: number };
    fromLifecycle: { id: string; version: number };
    fromState: string;
    toState: string;
    mapping: Record<string, string>;
    migratedBy: string;
    migratedAt: string;
    reason: string | null;
  }
>;

export type IncidentEvent =
  | IncidentLogged
  | IncidentAssigned
  | IncidentWorkStarted
  | IncidentPended
  | IncidentResumed
  | IncidentResolved
  | IncidentReopened
  | IncidentClosed
  | IncidentCancelled
  | IncidentCommented
  | IncidentLifecycleMigrated;
