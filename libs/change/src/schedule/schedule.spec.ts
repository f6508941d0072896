import { FreezeWindowError, InvalidWindowError } from '../change.errors';
import { collisionsOf, type ScheduledChange } from './collisions';
import { checkFreeze, validateFreezeCalendar, type FreezeCalendar } from './freeze-windows';
import { parseWindow } from './planned-window';

const freeze: FreezeCalendar = {
  id: 'default',
  version: 4,
  windows: [
    { id: 'year-end', start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z', reason: 'Year-end trading' },
    { id: 'payroll', start: '2026-03-30T00:00:00Z', end: '2026-04-01T00:00:00Z', reason: 'Month-end payroll run', services: ['payroll'] },
  ],
};

describe('Planned windows', () => {
  it('refuses a window that ends before it starts, or at the same instant', () => {
    expect(() => parseWindow({ start: '2026-03-02T10:00:00Z', end: '2026-03-02T09:00:00Z' })).toThrow(InvalidWindowError);
    expect(() => parseWindow({ start: '2026-03-02T10:00:00Z', end: '2026-03-02T10:00:00Z' })).toThrow(/ends .* before or when it starts/);
  });
  it('refuses instants without a zone or that do not exist', () => {
    expect(() => parseWindow({ start: '2026-03-02T10:00:00', end: '2026-03-02T11:00:00Z' })).toThrow(/\$\.start must be an ISO 8601 instant/);
    expect(() => parseWindow({ start: '2026-02-30T10:00:00Z', end: '2026-03-02T11:00:00Z' })).toThrow(/\$\.start/);
    expect(() => parseWindow({ start: '2026-03-02T24:00:00Z', end: '2026-03-03T11:00:00Z' })).toThrow(/\$\.start/);
    expect(parseWindow({ start: '2028-02-29T10:00:00+01:00', end: '2028-02-29T11:00:00+01:00' })).toEqual({ start: Date.parse('2028-02-29T09:00:00Z'), end: Date.parse('2028-02-29T10:00:00Z') });
  });
});

describe('Freeze windows', () => {
  const payrollRun = { start: '2026-03-31T20:00:00Z', end: '2026-03-31T22:00:00Z' };

  it('a valid calendar has no findings; a window ending before it starts is a finding with its path', () => {
    expect(validateFreezeCalendar(freeze)).toEqual([]);
    const bad: FreezeCalendar = { id: 'x', version: 1, windows: [{ id: 'w', start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z', reason: ' ' }] };
    expect(validateFreezeCalendar(bad).map((f) => `${f.path} ${f.code}`)).toEqual(['$.windows[0].reason REQUIRED', '$.windows[0].end BAD_WINDOW']);
  });

  it('refuses a normal or standard change planned inside a global freeze', () => {
    const window = { start: '2026-12-22T22:00:00Z', end: '2026-12-22T23:00:00Z' };
    for (const type of ['normal', 'standard'] as const) {
      expect(() => checkFreeze(freeze, window, 'vpn', type)).toThrow(FreezeWindowError);
    }
  });

  it('a service freeze applies to that service only', () => {
    expect(() => checkFreeze(freeze, payrollRun, 'payroll', 'normal')).toThrow(/payroll \(Month-end payroll run\)/);
    expect(checkFreeze(freeze, payrollRun, 'vpn', 'normal')).toEqual([]);
  });

  it('lets an emergency change through with a justification, and names the windows it overrides', () => {
    expect(() => checkFreeze(freeze, payrollRun, 'payroll', 'emergency')).toThrow(FreezeWindowError);
    expect(() => checkFreeze(freeze, payrollRun, 'payroll', 'emergency', '  ')).toThrow(FreezeWindowError);
    expect(checkFreeze(freeze, payrollRun, 'payroll', 'emergency', 'Payroll fails for every employee').map((w) => w.id)).toEqual(['payroll']);
  });

  it('a window that ends exactly when the freeze starts is outside it (half-open windows)', () =>
    expect(checkFreeze(freeze, { start: '2026-12-19T22:00:00Z', end: '2026-12-20T00:00:00Z' }, 'vpn', 'normal')).toEqual([]));
});

describe('Collision detection', () => {
  const others: ScheduledChange[] = [
    { changeId: 'c-2', state: 'scheduled', window: { start: '2026-03-02T22:00:00Z', end: '2026-03-03T01:00:00Z' }, configurationItems: ['fw-leeds', 'rtr-1'] },
    { changeId: 'c-3', state: 'implementing', window: { start: '2026-03-02T23:30:00Z', end: '2026-03-03T00:30:00Z' }, configurationItems: ['rtr-1'] },
    { changeId: 'c-4', state: 'assessment', window: { start: '2026-03-02T22:00:00Z', end: '2026-03-03T01:00:00Z' }, configurationItems: ['rtr-1'] },
    { changeId: 'c-5', state: 'scheduled', window: { start: '2026-03-03T01:00:00Z', end: '2026-03-03T02:00:00Z' }, configurationItems: ['rtr-1'] },
    { changeId: 'c-6', state: 'scheduled', window: { start: '2026-03-02T22:00:00Z', end: '2026-03-03T01:00:00Z' }, configurationItems: ['db-9'] },
  ];
  const candidate = { changeId: 'c-1', window: { start: '2026-03-02T23:00:00Z', end: '2026-03-03T01:00:00Z' }, configurationItems: ['rtr-1'] };

  it('reports scheduled and implementing changes on a shared item in an overlapping window, with the overlap', () => {
    expect(collisionsOf(candidate, others)).toEqual([
      { changeId: 'c-2', configurationItems: ['rtr-1'], overlap: { start: '2026-03-02T23:00:00.000Z', end: '2026-03-03T01:00:00.000Z' } },
      { changeId: 'c-3', configurationItems: ['rtr-1'], overlap: { start: '2026-03-02T23:30:00.000Z', end: '2026-03-03T00:30:00.000Z' } },
    ]);
  });

  it('ignores changes not yet holding a window, windows that only touch, other items, and itself', () => {
    const ids = collisionsOf(candidate, [...others, { ...others[0], changeId: 'c-1' }]).map((c) => c.changeId);
    expect(ids).not.toContain('c-4');
    expect(ids).not.toContain('c-5');
    expect(ids).not.toContain('c-6');
    expect(ids).not.toContain('c-1');
  });

  it('reports nothing once the other change moves out of the overlap', () => {
    const moved = others.map((o) => (o.changeId === 'c-2' || o.changeId === 'c-3' ? { ...o, window: { start: '2026-03-04T22:00:00Z', end: '2026-03-04T23:00:00Z' } } : o));
    expect(collisionsOf(candidate, moved)).toEqual([]);
  });
});
