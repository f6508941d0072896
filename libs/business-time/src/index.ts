/**
 * @itil/business-time: business calendars as data (zone, weekly hours, holidays) and exact,
 * DST-aware business-time arithmetic on absolute instants, for SLA clocks and CSI metrics.
 */
export * from './calendar.types';
export { validateCalendar, assertValidCalendar, canonicalTimeZone } from './calendar.validator';
export { calendar24x7 } from './calendar-presets';
export { compileCalendar, CompiledCalendar } from './calendar-timeline';
export {
  businessTimeBetween,
  addBusinessTime,
  isWorkingInstant,
  nextWorkingInstant,
  workingSpansBetween,
  type CalendarInput,
} from './business-time';
export { elapsedBusinessTime, measureElapsedBusinessTime, type ElapsedBusinessTime } from './elapsed-with-pauses';
export { SUPPORTED_RANGE } from './instant';
export { InvalidCalendarError, BusinessTimeArgumentError, BusinessTimeRangeError } from './business-time.errors';
