/**
 * ITIL priority = impact x urgency, kept as data: a process owner changes the table, not code.
 * The matrix's id travels in IncidentLogged so a reader knows which table set a priority.
 */
export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];
export type Priority = 1 | 2 | 3 | 4 | 5;

export interface PriorityMatrix {
  id: string;
  /** priorities[impact][urgency] */
  priorities: Record<Level, Record<Level, Priority>>;
  labels: Record<Priority, string>;
}

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  id: 'itil-3x3@1',
  priorities: {
    high: { high: 1, medium: 2, low: 3 },
    medium: { high: 2, medium: 3, low: 4 },
    low: { high: 3, medium: 4, low: 5 },
  },
  labels: { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low', 5: 'planning' },
};

export const priorityOf = (matrix: PriorityMatrix, impact: Level, urgency: Level): Priority => matrix.priorities[impact][urgency];
