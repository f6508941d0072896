import { WEEKDAYS, type BusinessCalendar, type WeeklyHours } from './calendar.types';

/**
 * A round-the-clock calendar: every day 00:00-24:00, no holidays. Business time equals elapsed time
 * (whatever the zone: DST changes the length of a day, and the whole day is working either way).
 */
export function calendar24x7(timeZone = 'UTC'): BusinessCalendar {
  const weeklyHours: WeeklyHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '24:00' }]]));
  return { name: '24x7', timeZone, weeklyHours };
}
