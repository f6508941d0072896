import type { Level, Priority } from './priority/priority-matrix';

/** An incident as folded from its events. `status` is the lifecycle state. */
export interface Incident {
  exists: boolean;
  id: string;
  status: string;
  lifecycle: { id: string; version: number } | null;
  title: string;
  description: string;
  caller: string;
  service: string | null;
  configurationItem: string | null;
  category: string | null;
  impact: Level | null;
  urgency: Level | null;
  priority: Priority | null;
  assignmentGroup: string | null;
  assignee: string | null;
  /** Groups the incident has been assigned to, in order: reassignments are functional escalations. */
  assignmentHistory: string[];
  pendingReason: string | null;
  resolutionCode: string | null;
  resolutionNotes: string | null;
  cancellationReason: string | null;
  loggedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  commentCount: number;
}

export const initialIncident = (): Incident => ({
  exists: false,
  id: '',
  status: 'none',
  lifecycle: null,
  title: '',
  description: '',
  caller: '',
  service: null,
  configurationItem: null,
  category: null,
  impact: null,
  urgency: null,
  priority: null,
  assignmentGroup: null,
  assignee: null,
  assignmentHistory: [],
  pendingReason: null,
  resolutionCode: null,
  resolutionNotes: null,
  cancellationReason: null,
  loggedAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  commentCount: 0,
});
