import { knowsTypes, type Command, type Decider } from '@itil/engine';
import { HEADLINE_FIGURE } from '../measure/figure-of';
import { ImprovementInputInvalidError, ImprovementNotAllowedError, InitiativeClosedConflictError, InitiativeExistsConflictError, UnknownInitiativeError } from '../improvement.errors';
import { checkClose, checkOwnerChange, checkRegistration, checkRevision, DEFAULT_WINDOW_DAYS } from './initiative-input';
import { IMPROVEMENT_EVENT_TYPES, type Direction, type ImprovementEvent, type MeasuredFigure } from './initiative.events';
import { evolveInitiative, type Initiative } from './initiative.state';

/**
 * A figure read from the CSI read model travels beside the command's data, as its time does: it
 * is an input the application measured, not something the caller typed. So a retried request
 * (same Idempotency-Key, same body) is the same request even when the read model has moved on.
 */
type Measured<T extends string, D> = Command<T, D> & { measured: MeasuredFigure & { definition: string } };

export type RegisterImprovementInitiative = Measured<'RegisterImprovementInitiative', { id: string; input: unknown }>;
export type ReviseImprovementTarget = Command<'ReviseImprovementTarget', { id: string; input: unknown }>;
export type ChangeImprovementOwner = Command<'ChangeImprovementOwner', { id: string; input: unknown }>;
export type CloseImprovementInitiative = Measured<'CloseImprovementInitiative', { id: string; input: unknown }>;
export type ImprovementCommand = RegisterImprovementInitiative | ReviseImprovementTarget | ChangeImprovementOwner | CloseImprovementInitiative;

/** Whether a value meets the target, in the initiative's direction. */
export const meets = (value: number, target: number, direction: Direction): boolean => (direction === 'lower' ? value <= target : value >= target);

function requireBetterTarget(target: number, baseline: number, direction: Direction): void {
  // A target no better than the baseline would be "achieved" on the day it is set.
  if (meets(baseline, target, direction)) {
    throw new ImprovementNotAllowedError(`The target ${target} is no improvement on the baseline ${baseline} (${direction} is better)`, 'target-not-better-than-baseline');
  }
}

function decideInitiative(c: ImprovementCommand, s: Initiative | null): ImprovementEvent[] {
  if (c.type === 'RegisterImprovementInitiative') {
    const d = checkRegistration(c.data.input, c.metadata.now);
    if (s) throw new InitiativeExistsConflictError(s.id);
    const { definition, ...baseline } = c.measured;
    if (baseline.value === null) {
      throw new ImprovementNotAllowedError(`No ${d.metric} data for service ${d.service} from ${baseline.from} to ${baseline.to}: there is no baseline to improve on`, 'no-baseline');
    }
    requireBetterTarget(d.target, baseline.value, d.direction);
    return [
      {
        type: 'ImprovementInitiativeRegistered',
        data: {
          initiativeId: c.data.id,
          title: d.title.trim(),
          service: d.service,
          metric: d.metric,
          definition,
          figure: HEADLINE_FIGURE[d.metric],
          windowDays: d.windowDays ?? DEFAULT_WINDOW_DAYS,
          baselineAt: d.baselineAt,
          baseline,
          target: d.target,
          direction: d.direction,
          dueDate: d.dueDate,
          owner: d.owner,
          registeredAt: c.metadata.now.toISOString(),
        },
      },
    ];
  }
  if (!s) throw new UnknownInitiativeError(c.data.id);
  if (s.status !== 'open') throw new InitiativeClosedConflictError(s.id, s.status);
  switch (c.type) {
    case 'ReviseImprovementTarget': {
      const d = checkRevision(c.data.input);
      const target = d.target ?? s.target;
      const dueDate = d.dueDate ?? s.dueDate;
      if (dueDate <= s.baselineAt) throw new ImprovementInputInvalidError([{ path: '$.dueDate', message: `must be after the baseline date ${s.baselineAt}` }]);
      if (s.baseline.value !== null) requireBetterTarget(target, s.baseline.value, s.direction);
      if (target === s.target && dueDate === s.dueDate) return [];
      return [{ type: 'ImprovementTargetRevised', data: { initiativeId: s.id, target: { from: s.target, to: target }, dueDate: { from: s.dueDate, to: dueDate }, reason: d.reason } }];
    }
    case 'ChangeImprovementOwner': {
      const d = checkOwnerChange(c.data.input);
      if (d.owner === s.owner) return [];
      return [{ type: 'ImprovementOwnerChanged', data: { initiativeId: s.id, previousOwner: s.owner, owner: d.owner, reason: d.reason ?? null } }];
    }
    case 'CloseImprovementInitiative': {
      const d = checkClose(c.data.input);
      const { definition: _definition, ...final } = c.measured;
      // "Achieved" is read from the metric, never declared: the figure measured now must meet the target.
      if (d.outcome === 'achieved' && (final.value === null || !meets(final.value, s.target, s.direction))) {
        throw new ImprovementNotAllowedError(
          `Not achieved: ${s.metric} for ${s.service} from ${final.from} to ${final.to} is ${final.value ?? 'no data'}, the target is ${s.target} (${s.direction} is better)`,
          'target-not-met',
        );
      }
      return [{ type: 'ImprovementInitiativeClosed', data: { initiativeId: s.id, outcome: d.outcome, reason: d.reason ?? null, closedAt: c.metadata.now.toISOString(), final } }];
    }
    default: {
      const unknown: never = c;
      return unknown;
    }
  }
}

export const initiativeDecider: Decider<ImprovementCommand, ImprovementEvent, Initiative | null> = {
  initialState: () => null,
  knows: knowsTypes(IMPROVEMENT_EVENT_TYPES),
  evolve: evolveInitiative,
  decide: decideInitiative,
};
