import type { Direction, ImprovementEvent, MeasuredFigure } from './initiative.events';
import type { CsiMetric } from '@itil/read-models/queries/csi-definitions';

export type InitiativeStatus = 'open' | 'achieved' | 'abandoned';

/** One initiative of the register, as its events fold. */
export interface Initiative {
  id: string;
  title: string;
  service: string;
  metric: CsiMetric;
  definition: string;
  figure: string;
  windowDays: number;
  baselineAt: string;
  baseline: MeasuredFigure;
  target: number;
  direction: Direction;
  dueDate: string;
  owner: string;
  status: InitiativeStatus;
  registeredAt: string;
  closedAt: string | null;
  closeReason: string | null;
  /** The figure measured when it was closed (null while open: progress is then read live). */
  final: MeasuredFigure | null;
}

export function evolveInitiative(s: Initiative | null, e: ImprovementEvent): Initiative | null {
  switch (e.type) {
    case 'ImprovementInitiativeRegistered': {
      const { initiativeId, ...rest } = e.data;
      return { id: initiativeId, ...rest, status: 'open', closedAt: null, closeReason: null, final: null };
    }
    case 'ImprovementTargetRevised':
      return s && { ...s, target: e.data.target.to, dueDate: e.data.dueDate.to };
    case 'ImprovementOwnerChanged':
      return s && { ...s, owner: e.data.owner };
    case 'ImprovementInitiativeClosed':
      return s && { ...s, status: e.data.outcome, closedAt: e.data.closedAt, closeReason: e.data.reason, final: e.data.final };
    default:
      return s;
  }
}
