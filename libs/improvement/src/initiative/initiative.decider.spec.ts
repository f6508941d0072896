import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ImprovementInputInvalidError, ImprovementNotAllowedError, InitiativeClosedConflictError, InitiativeExistsConflictError, UnknownInitiativeError } from '../improvement.errors';
import { initiativeDecider, type ImprovementCommand } from './initiative.decider';
import type { ImprovementEvent, MeasuredFigure } from './initiative.events';

const { given } = deciderSpec(initiativeDecider);
const id = '00000000-0000-4000-8000-000000000001';
const now = new Date('2026-03-03T10:00:00Z');
const metadata = { now, actor: 'user:olga' };
const definition = 'MTTR (calendar time): ...';
const baseline: MeasuredFigure = { value: 180, sample: 2, from: '2026-02-24', to: '2026-03-02' };
const input = { title: 'Halve VPN restore time', service: 'vpn', metric: 'mttr', windowDays: 7, baselineAt: '2026-03-02', target: 90, direction: 'lower', dueDate: '2026-03-12', owner: 'olga' };

const register = (over: Record<string, unknown> = {}, measured: MeasuredFigure = baseline): ImprovementCommand => ({
  type: 'RegisterImprovementInitiative',
  data: { id, input: { ...input, ...over } },
  measured: { ...measured, definition },
  metadata,
});
const revise = (data: Record<string, unknown>): ImprovementCommand => ({ type: 'ReviseImprovementTarget', data: { id, input: data }, metadata });
const changeOwner = (data: Record<string, unknown>): ImprovementCommand => ({ type: 'ChangeImprovementOwner', data: { id, input: data }, metadata });
const close = (data: Record<string, unknown>, value: number | null): ImprovementCommand => ({
  type: 'CloseImprovementInitiative',
  data: { id, input: data },
  measured: { value, sample: 3, from: '2026-02-25', to: '2026-03-03', definition },
  metadata,
});

const registered: ImprovementEvent = {
  type: 'ImprovementInitiativeRegistered',
  data: { initiativeId: id, title: 'Halve VPN restore time', service: 'vpn', metric: 'mttr', definition, figure: 'meanMinutes', windowDays: 7, baselineAt: '2026-03-02', baseline, target: 90, direction: 'lower', dueDate: '2026-03-12', owner: 'olga', registeredAt: now.toISOString() },
};
const abandoned: ImprovementEvent = { type: 'ImprovementInitiativeClosed', data: { initiativeId: id, outcome: 'abandoned', reason: 'Service retired', closedAt: now.toISOString(), final: { value: 150, sample: 3, from: '2026-02-25', to: '2026-03-03' } } };

describe('An improvement initiative: registering', () => {
  it('records the baseline it was given as measured, with the definition it was measured by', () => given([]).when(register()).then([registered]));

  it('takes 30 days as the window when none is given', () =>
    given([]).when(register({ windowDays: undefined })).thenState((s) => expect(s?.windowDays).toBe(30)));

  it.each([
    ['an unknown metric', { metric: 'happiness' }, '$.metric'],
    ['a baseline date in the future', { baselineAt: '2026-03-04' }, '$.baselineAt'],
    ['a due date before the baseline', { dueDate: '2026-03-01' }, '$.dueDate'],
    ['a due date on the baseline date', { dueDate: '2026-03-02' }, '$.dueDate'],
    ['a date that does not exist', { dueDate: '2026-02-30' }, '$.dueDate'],
    ['an unknown field', { colour: 'red' }, '$.colour'],
    ['a target that is not a number', { target: '90' }, '$.target'],
    ['a window of no days', { windowDays: 0 }, '$.windowDays'],
    ['a direction other than lower or higher', { direction: 'down' }, '$.direction'],
  ])('refuses %s', (_name, over, path) =>
    given([]).when(register(over)).thenThrows(ImprovementInputInvalidError, (e) => expect(e.errors.map((i) => i.path)).toContain(path)));

  it('refuses a target no better than the baseline in its direction', () => {
    given([]).when(register({ target: 180 })).thenThrows(ImprovementNotAllowedError);
    given([]).when(register({ target: 200, direction: 'higher' })).then([{ ...registered, data: { ...(registered.data as object), target: 200, direction: 'higher' } } as ImprovementEvent]);
  });

  it('refuses when the baseline window holds no data: there is nothing to improve on', () =>
    given([]).when(register({}, { ...baseline, value: null, sample: 0 })).thenThrows(ImprovementNotAllowedError, (e) => expect(e.reason).toBe('no-baseline')));

  it('refuses a second registration on the same id', () => given([registered]).when(register()).thenThrows(InitiativeExistsConflictError));
});

describe('An improvement initiative: while open', () => {
  it('revises the target and due date with a reason, recording old and new', () =>
    given([registered]).when(revise({ target: 100, dueDate: '2026-03-31', reason: 'Vendor fix slipped' })).then([
      { type: 'ImprovementTargetRevised', data: { initiativeId: id, target: { from: 90, to: 100 }, dueDate: { from: '2026-03-12', to: '2026-03-31' }, reason: 'Vendor fix slipped' } },
    ]));

  it('refuses a revision without a reason, to nothing, or to a due date before the baseline', () => {
    given([registered]).when(revise({ target: 100 })).thenThrows(ImprovementInputInvalidError);
    given([registered]).when(revise({ reason: 'x' })).thenThrows(ImprovementInputInvalidError);
    given([registered]).when(revise({ dueDate: '2026-03-01', reason: 'x' })).thenThrows(ImprovementInputInvalidError);
    given([registered]).when(revise({ target: 181, reason: 'x' })).thenThrows(ImprovementNotAllowedError);
  });

  it('changes the owner, and records nothing when the owner is the same', () => {
    given([registered]).when(changeOwner({ owner: 'pat', reason: 'Olga moved team' })).then([{ type: 'ImprovementOwnerChanged', data: { initiativeId: id, previousOwner: 'olga', owner: 'pat', reason: 'Olga moved team' } }]);
    given([registered]).when(changeOwner({ owner: 'olga' })).then([]);
  });

  it('closes as achieved only when the figure measured now meets the target', () => {
    given([registered]).when(close({ outcome: 'achieved' }, 120)).thenThrows(ImprovementNotAllowedError, (e) => expect(e.reason).toBe('target-not-met'));
    given([registered]).when(close({ outcome: 'achieved' }, null)).thenThrows(ImprovementNotAllowedError);
    given([registered]).when(close({ outcome: 'achieved' }, 90)).thenState((s) => expect(s).toMatchObject({ status: 'achieved', final: { value: 90 } }));
  });

  it('abandons with a reason, whatever the figure', () => {
    given([registered]).when(close({ outcome: 'abandoned', reason: 'Service retired' }, 150)).then([abandoned]);
    given([registered]).when(close({ outcome: 'abandoned' }, 150)).thenThrows(ImprovementInputInvalidError);
  });
});

describe('An improvement initiative: once closed or unknown', () => {
  it('takes no further change', () => {
    given([registered, abandoned]).when(close({ outcome: 'abandoned', reason: 'again' }, 150)).thenThrows(InitiativeClosedConflictError);
    given([registered, abandoned]).when(revise({ target: 80, reason: 'x' })).thenThrows(InitiativeClosedConflictError);
    given([registered, abandoned]).when(changeOwner({ owner: 'pat' })).thenThrows(InitiativeClosedConflictError);
  });

  it('is unknown before it is registered', () => given([]).when(revise({ target: 80, reason: 'x' })).thenThrows(UnknownInitiativeError));
});
