import { figureOf } from './figure-of';

// Daily rows of one service, as CsiQueries.report({ period: 'day', by: 'service' }) gives them.
describe('The headline figure of a window, from daily CSI rows', () => {
  it('weighs each day\'s mean by its count: (2 x 180 + 1 x 60) / 3 = 140', () =>
    expect(figureOf('mttr', [{ period: '2026-03-02', service: 'vpn', count: 2, meanMinutes: 180 }, { period: '2026-03-05', service: 'vpn', count: 1, meanMinutes: 60 }])).toEqual({ value: 140, sample: 3 }));

  it('recomputes rates from their parts: 1 reopen of 4 resolutions is 25%, not the mean of 0% and 50%', () =>
    expect(figureOf('reopen-rate', [{ count: 2, resolved: 2, reopened: 1, percent: 50 }, { count: 2, resolved: 2, reopened: 0, percent: 0 }])).toEqual({ value: 25, sample: 4 }));

  it('has no value when the window has no data (not zero)', () => {
    expect(figureOf('mttr', [])).toEqual({ value: null, sample: 0 });
    expect(figureOf('change-success', [])).toEqual({ value: null, sample: 0 });
  });

  it('sums effort and open items', () => {
    expect(figureOf('effort', [{ count: 2, minutes: 30 }, { count: 1, minutes: 45 }])).toEqual({ value: 75, sample: 3 });
    expect(figureOf('backlog-aging', [{ bucket: '0-1', count: 2 }, { bucket: '>90', count: 1 }])).toEqual({ value: 3, sample: 3 });
  });

  it('takes first contact, CSAT and change success from their parts', () => {
    expect(figureOf('first-contact-resolution', [{ count: 3, firstContact: 1 }, { count: 1, firstContact: 1 }])).toEqual({ value: 50, sample: 4 });
    expect(figureOf('csat', [{ rated: 1, meanRating: 5 }, { rated: 3, meanRating: 3 }])).toEqual({ value: 3.5, sample: 4 });
    expect(figureOf('change-success', [{ closed: 4, successful: 3 }])).toEqual({ value: 75, sample: 4 });
    expect(figureOf('mtta', [{ count: 1, meanMinutes: 10 }, { count: 3, meanMinutes: 30 }])).toEqual({ value: 25, sample: 4 });
  });
});
