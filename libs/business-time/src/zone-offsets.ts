import { IANAZone } from 'luxon';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './civil-date';

/**
 * UTC offsets of one IANA zone, taken from luxon (and so from the tz database in Node's ICU), turned
 * into a list of transitions that the arithmetic can use without calling back into Intl.
 *
 * Why: luxon's `zone.offset(ts)` goes through `Intl.DateTimeFormat` and costs microseconds. A day of a
 * calendar needs several wall-clock-to-instant conversions, so asking luxon for each would make long
 * spans slow. Instead the zone is sampled every `SAMPLE_STEP_MS` and each change of offset is pinned
 * to the exact millisecond by bisection; conversions are then plain arithmetic on that list.
 * Assumption: the offset never changes and changes back within one sampling step (12 hours).
 * Nothing in the tz database since 1900 does that in a way that matters here.
 */

const SAMPLE_STEP_MS = 12 * HOUR_MS;
const CHUNK_MS = 64 * SAMPLE_STEP_MS; // 32 days of transitions, found and cached together

/** Piecewise-constant offsets over a range: `offsets[i]` (ms) applies from `starts[i]` to `starts[i + 1]`. */
export interface OffsetSegments {
  readonly starts: readonly number[];
  readonly offsets: readonly number[];
}

export class ZoneOffsets {
  private readonly zone: IANAZone;
  /** Per chunk: the transitions in (chunkStart, chunkEnd], as [instant, offset from then on] pairs. */
  private readonly chunks = new Map<number, readonly (readonly [number, number])[]>();

  constructor(readonly zoneName: string) {
    this.zone = IANAZone.create(zoneName);
  }

  /** The offset in milliseconds (local wall clock minus UTC) at an instant, straight from luxon. */
  offsetAt(instant: number): number {
    return Math.round(this.zone.offset(instant) * MINUTE_MS);
  }

  /** The offsets in force from `from` to `to`, as segments; the first segment starts at `from`. */
  segments(from: number, to: number): OffsetSegments {
    const starts = [from];
    const offsets = [this.offsetAt(from)];
    for (let chunk = Math.floor(from / CHUNK_MS); chunk * CHUNK_MS < to; chunk++) {
      for (const [instant, offset] of this.transitionsIn(chunk)) {
        if (instant > from && instant <= to) {
          starts.push(instant);
          offsets.push(offset);
        }
      }
    }
    return { starts, offsets };
  }

  private transitionsIn(chunk: number): readonly (readonly [number, number])[] {
    let found = this.chunks.get(chunk);
    if (found === undefined) {
      const transitions: [number, number][] = [];
      let at = chunk * CHUNK_MS;
      let offset = this.offsetAt(at);
      for (let step = 1; step <= CHUNK_MS / SAMPLE_STEP_MS; step++) {
        const next = chunk * CHUNK_MS + step * SAMPLE_STEP_MS;
        const nextOffset = this.offsetAt(next);
        if (nextOffset !== offset) this.bisect(at, offset, next, nextOffset, transitions);
        at = next;
        offset = nextOffset;
      }
      found = transitions;
      this.chunks.set(chunk, found);
    }
    return found;
  }

  /** Finds every change of offset in (lo, hi], knowing the offsets at both ends differ. */
  private bisect(lo: number, loOffset: number, hi: number, hiOffset: number, into: [number, number][]): void {
    if (hi - lo === 1) {
      into.push([hi, hiOffset]);
      return;
    }
    const mid = lo + Math.floor((hi - lo) / 2);
    const midOffset = this.offsetAt(mid);
    if (midOffset !== loOffset) this.bisect(lo, loOffset, mid, midOffset, into);
    if (midOffset !== hiOffset) this.bisect(mid, midOffset, hi, hiOffset, into);
  }
}

const zones = new Map<string, ZoneOffsets>();

/** One shared, lazily filled transition cache per zone name (calendars in the same zone share it). */
export function zoneOffsetsFor(zoneName: string): ZoneOffsets {
  let zone = zones.get(zoneName);
  if (zone === undefined) {
    zone = new ZoneOffsets(zoneName);
    zones.set(zoneName, zone);
  }
  return zone;
}

/**
 * Converts local wall-clock times to instants with THE daylight-saving rule of this library:
 *
 *   a wall-clock time resolves to the earliest instant at which the zone's clock shows that time
 *   or a later one.
 *
 * For a time that exists once this is simply that instant. For a time that does not exist (inside a
 * spring-forward gap) it is the first instant after the gap, i.e. the transition itself: in
 * New York on 2025-03-09, 02:30 resolves to 03:00 EDT. For a time that exists twice (inside a
 * fall-back repeated hour) it is the first, earlier occurrence: in New York on 2025-11-02, 01:30
 * resolves to 01:30 EDT, not 01:30 EST. The rule is monotonic (a later wall-clock time never resolves
 * to an earlier instant), so working intervals stay ordered and never overlap after resolution.
 *
 * The resolver walks the segments with a cursor, so it must be asked for non-decreasing local times.
 * Local times are "local epoch milliseconds": the wall-clock reading written as if it were UTC.
 */
export class WallClockResolver {
  private cursor = 0;

  constructor(private readonly segments: OffsetSegments) {}

  resolve(localTime: number): number {
    const { starts, offsets } = this.segments;
    let i = this.cursor;
    // Skip every segment whose clock never reaches `localTime`: its readings run from
    // starts[i] + offsets[i] up to (not including) starts[i + 1] + offsets[i].
    while (i + 1 < starts.length && starts[i + 1] + offsets[i] <= localTime) i++;
    this.cursor = i;
    // In the first segment whose clock reaches it, the earliest such instant.
    return Math.max(starts[i], localTime - offsets[i]);
  }
}

/** Days of margin around a range of local days, enough for any UTC offset (all are under a day). */
export const OFFSET_MARGIN_MS = 2 * DAY_MS;
