import type { Command } from '@itil/engine';
import type { Level } from './priority/priority-matrix';

export const PENDING_REASONS = ['awaiting_caller', 'awaiting_vendor'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

export type LogIncident = Command<
  'LogIncident',
  {
    incidentId: string;
    title: string;
    description?: string;
    caller: string;
    service?: string;
    configurationItem?: string;
    category?: string;
    impact: Level;
    urgency: Level;
  }
>;
/** Every command names the incident it is about. */
type About<D> = D & { incidentId: string };

export type AssignIncident = Command<'AssignIncident', About<{ assignmentGroup: string; assignee?: string }>>;
export type StartWorkOnIncident = Command<'StartWorkOnIncident', About<object>>;
export type PendIncident = Command<'PendIncident', About<{ reason: PendingReason; note?: string }>>;
export type ResumeIncident = Command<'ResumeIncident', About<object>>;
export type ResolveIncident = Command<'ResolveIncident', About<{ resolutionCode: string; resolutionNotes: string }>>;
export type ReopenIncident = Command<'ReopenIncident', About<{ reason: string }>>;
export type CloseIncident = Command<'CloseIncident', About<{ note?: string }>>;
export type CancelIncident = Command<'CancelIncident', About<{ reason: string }>>;
export type CommentOnIncident = Command<'CommentOnIncident', About<{ text: string; visibility?: 'internal' | 'public' }>>;

export type IncidentCommand =
  | LogIncident
  | AssignIncident
  | StartWorkOnIncident
  | PendIncident
  | ResumeIncident
  | ResolveIncident
  | ReopenIncident
  | CloseIncident
  | CancelIncident
  | CommentOnIncident;

/** The lifecycle event each state-changing command asks the machine for. */
export const MACHINE_EVENT_OF = {
  AssignIncident: 'ASSIGN',
  StartWorkOnIncident: 'START_WORK',
  PendIncident: 'PEND',
  ResumeIncident: 'RESUME',
  ResolveIncident: 'RESOLVE',
  ReopenIncident: 'REOPEN',
  CloseIncident: 'CLOSE',
  CancelIncident: 'CANCEL',
} as const;
