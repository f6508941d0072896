import type { Initiative } from '../initiative/initiative.state';
import { progressOf } from './progress';

// Baseline 180 min on 2026-03-02, target 90 (lower is better), due 2026-03-12: a 10-day span.
const initiative: Initiative = {
  id: 'i', title: 't', service: 'vpn', metric: 'mttr', definition: 'd', figure: 'meanMinutes', windowDays: 7, baselineAt: '2026-03-02',
  baseline: { value: 180, sample: 2, from: '2026-02-24', to: '2026-03-02' }, target: 90, direction: 'lower', dueDate: '2026-03-12', owner: 'olga',
  status: 'open', registeredAt: '2026-03-03T00:00:00.000Z', closedAt: null, closeReason: null, final: null,
};
const at = (value: number | null) => ({ value, sample: value === null ? 0 : 3, from: '2026-02-27', to: '2026-03-05' });

describe('Progress of an initiative', () => {
  it('is on track when as far to the target as the time elapsed: 140 is 44.44% of the way, 30% of the time gone', () =>
    expect(progressOf(initiative, at(140), '2026-03-05')).toEqual({ current: at(140), delta: -40, percentToTarget: 44.44, timeElapsedPercent: 30, standing: 'on-track' }));

  it('is behind when less far than the time elapsed: 170 is 11.11% of the way, 50% of the time gone', () =>
    expect(progressOf(initiative, at(170), '2026-03-07')).toMatchObject({ delta: -10, percentToTarget: 11.11, timeElapsedPercent: 50, standing: 'behind' }));

  it('is achieved when the figure meets the target, even before the due date', () => expect(progressOf(initiative, at(90), '2026-03-05').standing).toBe('achieved'));

  it('is overdue past the due date when not achieved, with data or without', () => {
    expect(progressOf(initiative, at(100), '2026-03-13').standing).toBe('overdue');
    expect(progressOf(initiative, at(null), '2026-03-13')).toMatchObject({ delta: null, percentToTarget: null, standing: 'overdue' });
  });

  it('says no-data before the due date when the window is empty', () => expect(progressOf(initiative, at(null), '2026-03-05').standing).toBe('no-data'));

  it('goes negative when the figure got worse', () => expect(progressOf(initiative, at(225), '2026-03-05')).toMatchObject({ delta: 45, percentToTarget: -50, standing: 'behind' }));

  it('stands as closed once closed', () => expect(progressOf({ ...initiative, status: 'abandoned' }, at(150), '2026-03-05')).toMatchObject({ standing: 'abandoned', timeElapsedPercent: null }));
});
