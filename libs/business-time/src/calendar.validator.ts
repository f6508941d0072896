import { IANAZone } from 'luxon';
import { parseIsoDate } from './civil-date';
import { InvalidCalendarError } from './business-time.errors';
import { WEEKDAYS, type BusinessCalendar, type CalendarFinding, type CalendarValidation } from './calendar.types';
import { formatTimeOfDay, parseTimeOfDay } from './time-of-day';

/**
 * Checks untrusted input (parsed JSON, an event payload, anything) against the calendar format and
 * reports every problem at once, each with the JSON path of the field, so that a person editing a
 * calendar can fix them all in one pass. It never throws, whatever it is given.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const findings: CalendarFinding[] = [];
  const report = (path: string, message: string): void => {
    findings.push({ path, message });
  };
  try {
    checkCalendar(input, report);
  } catch (error) {
    // Only reachable with exotic objects (throwing getters, proxies); JSON input cannot get here.
    report('$', `could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return findings.length === 0
    ? { valid: true, calendar: withCanonicalZone(input as BusinessCalendar), findings: [] }
    : { valid: false, findings };
}

/**
 * The canonical IANA spelling of a zone name, or undefined when the name is unknown. Zone names are
 * matched without regard to case (`europe/london` works everywhere), so a calendar that stores the
 * name as typed would show, compare and hash differently from the same calendar spelt right: the
 * validated calendar carries the canonical name instead.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (!isKnownZone(name)) return undefined;
  let canonical = canonicalZones.get(name);
  if (canonical === undefined) {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    canonicalZones.set(name, canonical);
  }
  return canonical;
}

const canonicalZones = new Map<string, string>();

/** The same calendar (the same object when nothing changes) with its zone named canonically. */
function withCanonicalZone(calendar: BusinessCalendar): BusinessCalendar {
  const canonical = canonicalTimeZone(calendar.timeZone) ?? calendar.timeZone;
  return canonical === calendar.timeZone ? calendar : { ...calendar, timeZone: canonical };
}

/** Throws `InvalidCalendarError` (listing every finding) unless `input` is a valid calendar. */
export function assertValidCalendar(input: unknown): asserts input is BusinessCalendar {
  const result = validateCalendar(input);
  if (!result.valid) throw new InvalidCalendarError(result.findings);
}

type Report = (path: string, message: string) => void;
type JsonObject = Record<string, unknown>;

const CALENDAR_FIELDS = ['id', 'name', 'timeZone', 'weeklyHours', 'holidays'];
const HOLIDAY_FIELDS = ['date', 'name', 'hours'];
const INTERVAL_FIELDS = ['start', 'end'];

function checkCalendar(input: unknown, report: Report): void {
  if (!isObject(input)) {
    report('$', `a calendar must be a JSON object, got ${describe(input)}`);
    return;
  }
  checkUnknownFields(input, '$', CALENDAR_FIELDS, 'a calendar', report);
  for (const field of ['id', 'name']) {
    if (has(input, field) && typeof input[field] !== 'string') {
      report(`$.${field}`, `must be a string when present, got ${describe(input[field])}`);
    }
  }
  checkTimeZone(input, report);
  checkWeeklyHours(input, report);
  if (has(input, 'holidays')) checkHolidays(input.holidays, report);
}

function checkTimeZone(calendar: JsonObject, report: Report): void {
  const path = '$.timeZone';
  if (!has(calendar, 'timeZone')) {
    report(path, 'is required: an IANA time zone name such as "Europe/London" or "UTC"');
  } else if (typeof calendar.timeZone !== 'string') {
    report(path, `must be an IANA time zone name (a string), got ${describe(calendar.timeZone)}`);
  } else if (!isKnownZone(calendar.timeZone)) {
    report(path, `${JSON.stringify(calendar.timeZone)} is not a known IANA time zone (e.g. "America/New_York")`);
  }
}

/**
 * Zone names known to be valid. luxon's `isValidZone` builds an `Intl.DateTimeFormat` on every call,
 * which costs more than compiling the rest of a calendar; valid names are few, so they are cached
 * (invalid ones are not: garbage input must not grow the cache).
 */
const knownZones = new Set<string>();

function isKnownZone(name: string): boolean {
  if (knownZones.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  knownZones.add(name);
  return true;
}

function checkWeeklyHours(calendar: JsonObject, report: Report): void {
  const path = '$.weeklyHours';
  if (!has(calendar, 'weeklyHours')) {
    report(path, 'is required: working intervals per weekday, e.g. { "monday": [{ "start": "09:00", "end": "17:00" }] }');
    return;
  }
  const week = calendar.weeklyHours;
  if (!isObject(week)) {
    report(path, `must be an object keyed by weekday (monday ... sunday), got ${describe(week)}`);
    return;
  }
  let findingsBefore = 0;
  let weeklyMinutes = 0;
  const counting: Report = (p, m) => {
    findingsBefore += 1;
    report(p, m);
  };
  for (const key of Object.keys(week)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      counting(childPath(path, key), `${JSON.stringify(key)} is not a weekday; use monday, tuesday, ... sunday`);
    }
  }
  for (const day of WEEKDAYS) {
    if (has(week, day)) weeklyMinutes += checkIntervals(week[day], `${path}.${day}`, counting);
  }
  // An SLA clock on a calendar that never works would never run and a due time would never come.
  if (findingsBefore === 0 && weeklyMinutes === 0) {
    report(path, 'has no working time on any weekday, so an SLA clock on it would never run (for round-the-clock service use 00:00-24:00 every day)');
  }
}

function checkHolidays(holidays: unknown, report: Report): void {
  const path = '$.holidays';
  if (!Array.isArray(holidays)) {
    report(path, `must be a list of holidays like { "date": "2025-12-25" }, got ${describe(holidays)}`);
    return;
  }
  const firstSeen = new Map<string, number>();
  holidays.forEach((holiday: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(holiday)) {
      report(at, `a holiday must be an object like { "date": "2025-12-25" }, got ${describe(holiday)}`);
      return;
    }
    checkUnknownFields(holiday, at, HOLIDAY_FIELDS, 'a holiday', report);
    if (!has(holiday, 'date')) {
      report(`${at}.date`, 'is required: the local date of the holiday as YYYY-MM-DD');
    } else if (typeof holiday.date !== 'string' || parseIsoDate(holiday.date) === undefined) {
      report(`${at}.date`, `${describe(holiday.date)} is not a real date in YYYY-MM-DD form`);
    } else {
      const seen = firstSeen.get(holiday.date);
      if (seen === undefined) firstSeen.set(holiday.date, index);
      else report(`${at}.date`, `${holiday.date} is a duplicate of ${path}[${seen}]; list each date once (give it "hours" for a half day)`);
    }
    if (has(holiday, 'name') && typeof holiday.name !== 'string') {
      report(`${at}.name`, `must be a string when present, got ${describe(holiday.name)}`);
    }
    if (has(holiday, 'hours')) checkIntervals(holiday.hours, `${at}.hours`, report);
  });
}

/** Checks a list of working intervals; returns its working minutes (for the whole-week check). */
function checkIntervals(value: unknown, path: string, report: Report): number {
  if (!Array.isArray(value)) {
    report(path, `must be a list of { "start": "HH:mm", "end": "HH:mm" } intervals, got ${describe(value)}`);
    return 0;
  }
  let minutes = 0;
  let previous: { start: number; end: number } | undefined;
  value.forEach((interval: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(interval)) {
      report(at, `an interval must be an object like { "start": "09:00", "end": "17:00" }, got ${describe(interval)}`);
      return;
    }
    checkUnknownFields(interval, at, INTERVAL_FIELDS, 'an interval', report);
    const start = checkTime(interval, 'start', at, report);
    const end = checkTime(interval, 'end', at, report);
    if (start === undefined || end === undefined) return;
    if (end <= start) {
      report(`${at}.end`, `${formatTimeOfDay(end)} is not after the start ${formatTimeOfDay(start)}; an interval cannot end before it starts or be empty (use 24:00 for midnight at the end of the day)`);
      return;
    }
    if (previous !== undefined && start < previous.start) {
      report(at, `${formatTimeOfDay(start)}-${formatTimeOfDay(end)} comes before the interval listed ahead of it (${formatTimeOfDay(previous.start)}-${formatTimeOfDay(previous.end)}); list intervals in time order`);
    } else if (previous !== undefined && start < previous.end) {
      report(`${at}.start`, `${formatTimeOfDay(start)} overlaps the previous interval ${formatTimeOfDay(previous.start)}-${formatTimeOfDay(previous.end)}`);
    } else {
      minutes += end - start;
    }
    previous = { start, end };
  });
  return minutes;
}

function checkTime(interval: JsonObject, field: 'start' | 'end', at: string, report: Report): number | undefined {
  const path = `${at}.${field}`;
  const value = interval[field];
  if (!has(interval, field)) {
    report(path, `is required: a time of day as HH:mm`);
    return undefined;
  }
  if (typeof value !== 'string') {
    report(path, `must be a time of day as an HH:mm string, got ${describe(value)}`);
    return undefined;
  }
  const minutes = parseTimeOfDay(value, field === 'end');
  if (minutes === undefined) {
    report(
      path,
      value === '24:00'
        ? '24:00 may only end an interval, never start one'
        : `${JSON.stringify(value)} is not a time of day; use HH:mm from 00:00 to 23:59 (24:00 is allowed as an end)`,
    );
  }
  return minutes;
}

function checkUnknownFields(value: JsonObject, path: string, known: readonly string[], what: string, report: Report): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      report(childPath(path, key), `unknown field ${JSON.stringify(key)}; ${what} has only ${known.join(', ')}`);
    }
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(value: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short, safe description of any value for a message (never the whole of a large value). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
