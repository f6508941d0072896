import { isoWeekday, parseIsoDate } from './civil-date';
import { WEEKDAYS, type BusinessCalendar, type WorkingInterval } from './calendar.types';
import { END_OF_DAY_MINUTES, parseTimeOfDay } from './time-of-day';

/**
 * The working hours of any local date, in wall-clock minutes: the weekday's intervals, or the
 * holiday's own hours (none for a whole-day holiday). Built once per calendar from validated data.
 */
export class WorkingDays {
  /** Index 1..7 (ISO weekday): flat [start, end, start, end, ...] minutes after local midnight. */
  private readonly weekly: readonly (readonly number[])[];
  /** Local day number -> that holiday's flat minutes ([] when closed all day). */
  private readonly holidays = new Map<number, readonly number[]>();
  /** True when every day is 00:00-24:00 and there are no holidays: business time is elapsed time. */
  readonly alwaysOpen: boolean;

  constructor(calendar: BusinessCalendar) {
    this.weekly = [[], ...WEEKDAYS.map((day) => toMinutes(calendar.weeklyHours[day] ?? []))];
    for (const holiday of calendar.holidays ?? []) {
      this.holidays.set(parseIsoDate(holiday.date) as number, toMinutes(holiday.hours ?? []));
    }
    this.alwaysOpen =
      this.holidays.size === 0 && this.weekly.slice(1).every((m) => m.length === 2 && m[0] === 0 && m[1] === END_OF_DAY_MINUTES);
  }

  /** Flat [start, end, ...] minutes of a local day number (days since 1970-01-01 in local dates). */
  minutesOn(dayNumber: number): readonly number[] {
    return this.holidays.get(dayNumber) ?? this.weekly[isoWeekday(dayNumber)];
  }
}

/**
 * Flattens validated intervals, merging touching ones (12:00-13:00 + 13:00-17:00 -> 12:00-17:00) so
 * that the arithmetic sees one interval where the working time is continuous.
 */
function toMinutes(intervals: readonly WorkingInterval[]): number[] {
  const flat: number[] = [];
  for (const { start, end } of intervals) {
    const from = parseTimeOfDay(start, false) as number;
    const to = parseTimeOfDay(end, true) as number;
    if (flat.length > 0 && flat[flat.length - 1] === from) flat[flat.length - 1] = to;
    else flat.push(from, to);
  }
  return flat;
}
