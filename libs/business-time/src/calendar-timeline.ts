import { DAY_MS, MINUTE_MS } from './civil-date';
import { InvalidCalendarError } from './business-time.errors';
import type { BusinessCalendar } from './calendar.types';
import { validateCalendar } from './calendar.validator';
import { WorkingDays } from './working-day';
import { OFFSET_MARGIN_MS, WallClockResolver, zoneOffsetsFor, type ZoneOffsets } from './zone-offsets';

/**
 * A calendar's working time laid out on the absolute timeline, computed lazily in blocks of local days.
 *
 * Why blocks: the arithmetic must cost in proportion to the days spanned at worst, and next to nothing
 * for repeated queries (a projection rebuild asks about the same weeks again and again). A block holds,
 * for BLOCK_DAYS consecutive local days, every working interval as absolute [start, end) instants with
 * running totals, so within a block a query is a short scan and across blocks it adds block totals.
 * Blocks are keyed by local day number, so they are the same whatever instant asked for them first.
 */
export const BLOCK_DAYS = 128;
const MAX_CACHED_BLOCKS = 1024;

export class TimelineBlock {
  constructor(
    readonly index: number,
    /** Local day number of the block's first day. */
    readonly firstDay: number,
    /** Instant at which each local day begins (its 00:00 resolved by the DST rule); BLOCK_DAYS + 1 entries. */
    readonly dayStarts: Float64Array,
    /** Index in `starts`/`ends` of each day's first interval; BLOCK_DAYS + 1 entries. */
    readonly dayFirstInterval: Int32Array,
    readonly starts: Float64Array,
    readonly ends: Float64Array,
    /** cumulative[i] = working milliseconds in intervals 0 .. i-1 of the block. */
    readonly cumulative: Float64Array,
  ) {}

  get total(): number {
    return this.cumulative[this.starts.length];
  }

  /** Working milliseconds in the block before `instant`, given `index` = intervals starting before it. */
  workedBefore(instant: number, index: number): number {
    return index === 0 ? 0 : this.cumulative[index] - Math.max(0, this.ends[index - 1] - instant);
  }
}

/** Where an instant falls: its block and how many of the block's intervals start strictly before it. */
export interface TimelinePosition {
  readonly block: TimelineBlock;
  readonly index: number;
}

/**
 * A validated calendar ready for arithmetic. Build one with `compileCalendar` to pay validation once;
 * every function also accepts the plain calendar object and compiles it on first use (cached per
 * object, so treat calendar objects as immutable values: make a new one, a new version, to change it).
 */
export class CompiledCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  private readonly days: WorkingDays;
  private readonly offsets: ZoneOffsets;
  private readonly blocks = new Map<number, TimelineBlock>();

  /** @internal use `compileCalendar` */
  constructor(readonly definition: BusinessCalendar) {
    this.timeZone = definition.timeZone;
    this.days = new WorkingDays(definition);
    this.alwaysOpen = this.days.alwaysOpen;
    this.offsets = zoneOffsetsFor(definition.timeZone);
  }

  block(index: number): TimelineBlock {
    let block = this.blocks.get(index);
    if (block === undefined) {
      if (this.blocks.size >= MAX_CACHED_BLOCKS) this.blocks.clear();
      block = this.buildBlock(index);
      this.blocks.set(index, block);
    }
    return block;
  }

  /** The block and interval index of an instant (see TimelinePosition). */
  locate(instant: number): TimelinePosition {
    // Offsets are under a day, so the local day of `instant` is its UTC day or a neighbour.
    const utcDay = Math.floor(instant / DAY_MS);
    let block = this.block(Math.floor(utcDay / BLOCK_DAYS));
    let offset = utcDay - block.firstDay;
    while (instant < block.dayStarts[offset]) {
      if (--offset < 0) {
        block = this.block(block.index - 1);
        offset = BLOCK_DAYS - 1;
      }
    }
    while (instant >= block.dayStarts[offset + 1]) {
      if (++offset >= BLOCK_DAYS) {
        block = this.block(block.index + 1);
        offset = 0;
      }
    }
    // Intervals of earlier days all start before `instant`; of this day, count those that do.
    let index = block.dayFirstInterval[offset];
    const end = block.dayFirstInterval[offset + 1];
    while (index < end && block.starts[index] < instant) index++;
    return { block, index };
  }

  private buildBlock(index: number): TimelineBlock {
    const firstDay = index * BLOCK_DAYS;
    const resolver = new WallClockResolver(
      this.offsets.segments(firstDay * DAY_MS - OFFSET_MARGIN_MS, (firstDay + BLOCK_DAYS) * DAY_MS + OFFSET_MARGIN_MS),
    );
    const dayStarts = new Float64Array(BLOCK_DAYS + 1);
    const dayFirstInterval = new Int32Array(BLOCK_DAYS + 1);
    const starts: number[] = [];
    const ends: number[] = [];
    // Wall-clock times are resolved in increasing order, as the resolver's cursor requires.
    for (let d = 0; d < BLOCK_DAYS; d++) {
      const localMidnight = (firstDay + d) * DAY_MS;
      dayStarts[d] = resolver.resolve(localMidnight);
      dayFirstInterval[d] = starts.length;
      const minutes = this.days.minutesOn(firstDay + d);
      for (let i = 0; i < minutes.length; i += 2) {
        const start = resolver.resolve(localMidnight + minutes[i] * MINUTE_MS);
        const end = resolver.resolve(localMidnight + minutes[i + 1] * MINUTE_MS);
        // An interval wholly inside a spring-forward gap has no absolute duration: drop it. Touching
        // intervals (one ending as the next begins, e.g. across midnight) are kept separate: harmless.
        if (end > start) {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    dayStarts[BLOCK_DAYS] = resolver.resolve((firstDay + BLOCK_DAYS) * DAY_MS);
    dayFirstInterval[BLOCK_DAYS] = starts.length;
    const cumulative = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) cumulative[i + 1] = cumulative[i] + (ends[i] - starts[i]);
    return new TimelineBlock(index, firstDay, dayStarts, dayFirstInterval, Float64Array.from(starts), Float64Array.from(ends), cumulative);
  }
}

const compiled = new WeakMap<object, CompiledCalendar>();

/** Validates and prepares a calendar; throws `InvalidCalendarError` listing every finding. */
export function compileCalendar(calendar: unknown): CompiledCalendar {
  if (calendar instanceof CompiledCalendar) return calendar;
  const cached = typeof calendar === 'object' && calendar !== null ? compiled.get(calendar) : undefined;
  if (cached !== undefined) return cached;
  const result = validateCalendar(calendar);
  if (!result.valid) throw new InvalidCalendarError(result.findings);
  const ready = new CompiledCalendar(deepFreeze(structuredClone(result.calendar)));
  compiled.set(calendar as object, ready);
  return ready;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
