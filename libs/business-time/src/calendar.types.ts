/**
 * Business calendars as plain JSON data.
 *
 * A calendar is a value: it can be serialised, versioned and stored in an event as it is. Nothing in
 * it is code, and every field is checked by `validateCalendar` before any arithmetic uses it.
 */

/** Weekday names in ISO 8601 order (Monday first), as used for the keys of `weeklyHours`. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A local wall-clock time of day in the calendar's zone, `HH:mm` on a 24-hour clock
 * (`00:00` to `23:59`). `24:00` is allowed as the end of an interval only, meaning the next midnight.
 */
export type TimeOfDay = string;

/** A working interval `[start, end)` in local wall-clock time; `end` is exclusive and after `start`. */
export interface WorkingInterval {
  readonly start: TimeOfDay;
  readonly end: TimeOfDay;
}

/**
 * Working intervals per weekday, in time order and not overlapping (touching is fine: 12:00-13:00
 * then 13:00-17:00). A weekday that is absent or has an empty list is closed.
 */
export type WeeklyHours = { readonly [day in Weekday]?: readonly WorkingInterval[] };

/**
 * A holiday on a local date (`YYYY-MM-DD`, in the calendar's zone). Without `hours` the whole day is
 * closed; with `hours` those intervals replace the weekday's usual hours that day (a half day), and
 * `hours: []` is the same as closed.
 */
export interface Holiday {
  readonly date: string;
  readonly name?: string;
  readonly hours?: readonly WorkingInterval[];
}

export interface BusinessCalendar {
  /** Optional identity, for the caller's bookkeeping (e.g. the calendar's stream or version). */
  readonly id?: string;
  readonly name?: string;
  /** An IANA time zone name, e.g. `Europe/London`; working hours are wall-clock times there. */
  readonly timeZone: string;
  readonly weeklyHours: WeeklyHours;
  readonly holidays?: readonly Holiday[];
}

/** An absolute instant: UTC epoch milliseconds (an integer), or a valid `Date`. */
export type Instant = number | Date;

/** A pause of an SLA clock, `[start, end)`; an absent or null `end` means the pause is still open. */
export interface Pause {
  readonly start: Instant;
  readonly end?: Instant | null;
}

/** One problem found in a calendar: the JSON path of the field (`$.weeklyHours.monday[1].end`) and why. */
export interface CalendarFinding {
  readonly path: string;
  readonly message: string;
}

export type CalendarValidation =
  | { readonly valid: true; readonly calendar: BusinessCalendar; readonly findings: readonly [] }
  | { readonly valid: false; readonly findings: readonly CalendarFinding[] };

/** An absolute working interval `[start, end)` in epoch milliseconds. */
export interface WorkingSpan {
  readonly start: number;
  readonly end: number;
}
