import { DAY_MS, HOUR_MS } from './civil-date';
import { WallClockResolver, ZoneOffsets } from './zone-offsets';

/** Local epoch milliseconds of a wall-clock reading, written as if it were UTC. */
function wallClock(isoWithoutZone: string): number {
  return Date.parse(`${isoWithoutZone}Z`);
}

function resolverFor(zone: string, aroundIso: string): WallClockResolver {
  const around = Date.parse(aroundIso);
  return new WallClockResolver(new ZoneOffsets(zone).segments(around - 2 * DAY_MS, around + 2 * DAY_MS));
}

describe('offset changes read from luxon', () => {
  it('pins each change of offset to the exact millisecond', () => {
    const london = new ZoneOffsets('Europe/London');
    expect(london.segments(Date.parse('2025-03-29T00:00:00Z'), Date.parse('2025-03-31T00:00:00Z'))).toEqual({
      starts: [Date.parse('2025-03-29T00:00:00Z'), Date.parse('2025-03-30T01:00:00Z')],
      offsets: [0, HOUR_MS],
    });
    const lordHowe = new ZoneOffsets('Australia/Lord_Howe');
    expect(lordHowe.segments(Date.parse('2025-04-05T00:00:00Z'), Date.parse('2025-04-06T00:00:00Z')).offsets).toEqual([11 * HOUR_MS, 10.5 * HOUR_MS]);
  });

  it('finds no change at all in a zone without daylight saving', () => {
    const kolkata = new ZoneOffsets('Asia/Kolkata');
    expect(kolkata.segments(Date.parse('2020-01-01T00:00:00Z'), Date.parse('2030-01-01T00:00:00Z'))).toEqual({
      starts: [Date.parse('2020-01-01T00:00:00Z')],
      offsets: [5.5 * HOUR_MS],
    });
  });
});

describe('the wall-clock rule: the earliest instant at which the clock shows that time or later', () => {
  it('maps a time that exists once to that instant', () => {
    expect(resolverFor('America/New_York', '2025-06-15T00:00:00Z').resolve(wallClock('2025-06-15T09:00:00'))).toBe(Date.parse('2025-06-15T13:00:00Z'));
  });

  it('maps a time inside the spring-forward gap to the end of the gap', () => {
    const resolver = resolverFor('America/New_York', '2025-03-09T00:00:00Z');
    expect(resolver.resolve(wallClock('2025-03-09T02:00:00'))).toBe(Date.parse('2025-03-09T07:00:00Z'));
    expect(resolver.resolve(wallClock('2025-03-09T02:59:59.999'))).toBe(Date.parse('2025-03-09T07:00:00Z'));
    expect(resolver.resolve(wallClock('2025-03-09T03:00:00'))).toBe(Date.parse('2025-03-09T07:00:00Z'));
  });

  it('maps a time inside the repeated hour to its first occurrence', () => {
    const resolver = resolverFor('America/New_York', '2025-11-02T00:00:00Z');
    expect(resolver.resolve(wallClock('2025-11-02T01:00:00'))).toBe(Date.parse('2025-11-02T05:00:00Z'));
    expect(resolver.resolve(wallClock('2025-11-02T01:59:00'))).toBe(Date.parse('2025-11-02T05:59:00Z'));
    expect(resolver.resolve(wallClock('2025-11-02T02:00:00'))).toBe(Date.parse('2025-11-02T07:00:00Z'));
  });

  it('maps every time of a day that never happened to the first instant of the next day (Samoa, 30 December 2011)', () => {
    const resolver = resolverFor('Pacific/Apia', '2011-12-30T00:00:00Z');
    expect(resolver.resolve(wallClock('2011-12-30T00:00:00'))).toBe(Date.parse('2011-12-30T10:00:00Z'));
    expect(resolver.resolve(wallClock('2011-12-30T17:00:00'))).toBe(Date.parse('2011-12-30T10:00:00Z'));
    expect(resolver.resolve(wallClock('2011-12-31T00:00:00'))).toBe(Date.parse('2011-12-30T10:00:00Z'));
  });
});
