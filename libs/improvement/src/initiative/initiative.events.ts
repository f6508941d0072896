import type { DomainEvent } from '@itil/engine';
import type { CsiMetric } from '@itil/read-models/queries/csi-definitions';

/** Which way is better: MTTR is better lower, first-contact resolution higher. */
export type Direction = 'lower' | 'higher';

/**
 * A figure measured from the CSI read model and written into the event that used it, so a replay
 * reads it back and never queries again. `value` is null when the window held no data.
 */
export type MeasuredFigure = {
  value: number | null;
  /** How many facts the figure is over (resolutions, ratings, open items...). */
  sample: number;
  /** The UTC days measured, inclusive (backlog aging: the open items at the end of `to`). */
  from: string;
  to: string;
};

export type ImprovementInitiativeRegistered = DomainEvent<
  'ImprovementInitiativeRegistered',
  {
    initiativeId: string;
    title: string;
    service: string;
    metric: CsiMetric;
    /** The metric's definition as the read side stated it at registration. */
    definition: string;
    /** The figure's name in the CSI report (meanMinutes, percent...). */
    figure: string;
    windowDays: number;
    baselineAt: string;
    baseline: MeasuredFigure;
    target: number;
    direction: Direction;
    dueDate: string;
    owner: string;
    registeredAt: string;
  }
>;

export type ImprovementTargetRevised = DomainEvent<
  'ImprovementTargetRevised',
  { initiativeId: string; target: { from: number; to: number }; dueDate: { from: string; to: string }; reason: string }
>;

export type ImprovementOwnerChanged = DomainEvent<'ImprovementOwnerChanged', { initiativeId: string; previousOwner: string; owner: string; reason: string | null }>;

export type ImprovementInitiativeClosed = DomainEvent<
  'ImprovementInitiativeClosed',
  { initiativeId: string; outcome: 'achieved' | 'abandoned'; reason: string | null; closedAt: string; final: MeasuredFigure }
>;

export type ImprovementEvent = ImprovementInitiativeRegistered | ImprovementTargetRevised | ImprovementOwnerChanged | ImprovementInitiativeClosed;

export const IMPROVEMENT_EVENT_TYPES: ImprovementEvent['type'][] = ['ImprovementInitiativeRegistered', 'ImprovementTargetRevised', 'ImprovementOwnerChanged', 'ImprovementInitiativeClosed'];

export const INITIATIVE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const initiativeStream = (id: string): string => `improvement-${id}`;
export const initiativeIdOf = (streamId: string): string | undefined => {
  const id = streamId.startsWith('improvement-') ? streamId.slice('improvement-'.length) : '';
  return INITIATIVE_ID.test(id) ? id : undefined;
};
