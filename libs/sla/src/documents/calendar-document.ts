import { validateCalendar, type BusinessCalendar } from '@itil/business-time';
import type { SlaFinding } from './sla-finding';

export type CalendarValidation = { valid: true; calendar: BusinessCalendar; findings: [] } | { valid: false; findings: SlaFinding[] };

/**
 * A calendar document is a business-time calendar as it is. The stored form is the validated one:
 * the zone under its canonical IANA name (`europe/london` is stored as `Europe/London`).
 */
export function validateCalendarDocument(input: unknown): CalendarValidation {
  const result = validateCalendar(input);
  if (result.valid) return { valid: true, calendar: result.calendar, findings: [] };
  return { valid: false, findings: result.findings.map((f) => ({ path: f.path, code: 'CALENDAR', message: f.message })) };
}
