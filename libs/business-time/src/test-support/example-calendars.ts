import type { BusinessCalendar, WeeklyHours, WorkingInterval } from '../calendar.types';

/** Small calendars for example tests, written out so the expected values can be worked out by hand. */

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function weekdays(...intervals: WorkingInterval[]): WeeklyHours {
  return { monday: intervals, tuesday: intervals, wednesday: intervals, thursday: intervals, friday: intervals };
}

/** Monday to Friday, 09:00-17:00, in London. */
export const londonOffice: BusinessCalendar = {
  name: 'London office hours',
  timeZone: 'Europe/London',
  weeklyHours: weekdays({ start: '09:00', end: '17:00' }),
};

/** Every day of the week with the same hours, so DST Sundays can be tested. */
export function everyDay(timeZone: string, ...intervals: WorkingInterval[]): BusinessCalendar {
  return { timeZone, weeklyHours: { ...weekdays(...intervals), saturday: intervals, sunday: intervals } };
}

/** An ISO-8601 instant with an explicit offset, as epoch milliseconds. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
