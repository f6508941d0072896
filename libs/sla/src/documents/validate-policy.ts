import { ESCALATION_TYPES, PRIORITIES, type SlaPolicy } from './sla-policy.types';
import { childPath, describe, has, isObject, type JsonObject, type SlaFinding, type SlaFindingCode } from './sla-finding';

export interface PolicyContext {
  /** Calendars that have a published version: a policy may only name one of them. */
  calendars: readonly string[];
}

export type PolicyValidation = { valid: true; policy: SlaPolicy; findings: [] } | { valid: false; findings: SlaFinding[] };

const POLICY_FIELDS = ['process', 'service', 'calendar', 'targets', 'warnings', 'breach', 'onPriorityChange', 'description'];
const TARGET_FIELDS = ['responseMinutes', 'resolutionMinutes'];
const PROCESS = /^[a-z][a-z0-9-]{0,62}$/;
/** A target longer than ten years of round-the-clock time is a typo, and would reach past what business-time supports. */
const MAX_MINUTES = 10 * 366 * 24 * 60;

/** Checks untrusted input against the policy format; reports every problem at once, never throws. */
export function validatePolicy(input: unknown, context: PolicyContext): PolicyValidation {
  const findings: SlaFinding[] = [];
  const report = (path: string, code: SlaFindingCode, message: string) => findings.push({ path, code, message });
  if (!isObject(input)) {
    report('$', 'SCHEMA', `a policy must be a JSON object, got ${describe(input)}`);
    return { valid: false, findings };
  }
  unknownFields(input, '$', POLICY_FIELDS, report);
  if (typeof input.process !== 'string' || !PROCESS.test(input.process)) report('$.process', 'SCHEMA', `is required: the process the policy covers, e.g. "incident" (got ${describe(input.process)})`);
  if (has(input, 'service') && (typeof input.service !== 'string' || input.service.length === 0 || input.service.length > 200)) report('$.service', 'SCHEMA', `must be a service id (a non-empty string) when present, got ${describe(input.service)}`);
  if (has(input, 'description') && typeof input.description !== 'string') report('$.description', 'SCHEMA', `must be a string when present`);
  if (typeof input.calendar !== 'string') report('$.calendar', 'SCHEMA', `is required: the name of a published calendar (got ${describe(input.calendar)})`);
  else if (!context.calendars.includes(input.calendar)) {
    report('$.calendar', 'UNKNOWN_CALENDAR', `no calendar named ${JSON.stringify(input.calendar)} has been published${context.calendars.length ? `; known: ${context.calendars.join(', ')}` : ''}`);
  }
  checkTargets(input.targets, report);
  checkWarnings(input.warnings, report);
  if (!isObject(input.breach)) report('$.breach', 'SCHEMA', 'is required: { "actions": [...] }, what the breach does (the list may be empty)');
  else {
    unknownFields(input.breach, '$.breach', ['actions'], report);
    checkActions(input.breach.actions, '$.breach.actions', report);
  }
  if (has(input, 'onPriorityChange') && input.onPriorityChange !== 'retarget' && input.onPriorityChange !== 'keep') {
    report('$.onPriorityChange', 'SCHEMA', `must be "retarget" or "keep", got ${describe(input.onPriorityChange)}`);
  }
  return findings.length === 0 ? { valid: true, policy: input as unknown as SlaPolicy, findings: [] } : { valid: false, findings };
}

type Report = (path: string, code: SlaFindingCode, message: string) => void;

function checkTargets(targets: unknown, report: Report): void {
  if (!isObject(targets) || Object.keys(targets).length === 0) {
    report('$.targets', 'SCHEMA', 'is required: targets per priority, e.g. { "1": { "responseMinutes": 15, "resolutionMinutes": 240 } }');
    return;
  }
  for (const [priority, t] of Object.entries(targets)) {
    const at = childPath('$.targets', priority);
    if (!PRIORITIES.includes(priority)) report(at, 'SCHEMA', `${JSON.stringify(priority)} is not a priority; use "1" (highest) to "5"`);
    if (!isObject(t)) {
      report(at, 'SCHEMA', `must be { "responseMinutes": n, "resolutionMinutes": n }, got ${describe(t)}`);
      continue;
    }
    unknownFields(t, at, TARGET_FIELDS, report);
    if (!TARGET_FIELDS.some((f) => has(t, f))) report(at, 'INVALID_TARGET', 'sets no target: give responseMinutes, resolutionMinutes or both');
    for (const field of TARGET_FIELDS) {
      if (!has(t, field)) continue;
      const v = t[field];
      if (typeof v !== 'number' || !Number.isInteger(v)) report(`${at}.${field}`, 'INVALID_TARGET', `must be a whole number of business minutes, got ${describe(v)}`);
      else if (v <= 0) report(`${at}.${field}`, 'INVALID_TARGET', `must be more than 0 business minutes, got ${v}: a target that is already due measures nothing`);
      else if (v > MAX_MINUTES) report(`${at}.${field}`, 'INVALID_TARGET', `${v} minutes is more than ten years`);
    }
    if (isPositive(t.responseMinutes) && isPositive(t.resolutionMinutes) && t.responseMinutes > t.resolutionMinutes) {
      report(`${at}.responseMinutes`, 'INVALID_TARGET', `${t.responseMinutes} is longer than the resolution target ${t.resolutionMinutes}: a ticket would be resolved before the response is due`);
    }
  }
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

function checkWarnings(warnings: unknown, report: Report): void {
  if (!Array.isArray(warnings)) {
    report('$.warnings', 'SCHEMA', 'is required: a list of thresholds like { "percent": 75, "actions": [...] } (it may be empty)');
    return;
  }
  let previous = 0;
  warnings.forEach((w: unknown, i) => {
    const at = `$.warnings[${i}]`;
    if (!isObject(w)) return report(at, 'SCHEMA', `must be { "percent": n, "actions": [...] }, got ${describe(w)}`);
    unknownFields(w, at, ['percent', 'actions'], report);
    const p = w.percent;
    if (typeof p !== 'number' || !Number.isFinite(p)) report(`${at}.percent`, 'INVALID_THRESHOLD', `must be a number of percent, got ${describe(p)}`);
    else if (p <= 0 || p >= 100) report(`${at}.percent`, 'INVALID_THRESHOLD', `${p}% is not a warning: a threshold lies above 0% and below 100% (100% is the breach, configured under $.breach)`);
    else if (p <= previous) report(`${at}.percent`, 'INVALID_THRESHOLD', `${p}% does not come after ${previous}%: list thresholds once each, in increasing order`);
    else previous = p;
    checkActions(w.actions, `${at}.actions`, report);
  });
}

function checkActions(actions: unknown, path: string, report: Report): void {
  if (!Array.isArray(actions)) return report(path, 'SCHEMA', `must be a list of escalation steps (it may be empty), got ${describe(actions)}`);
  actions.forEach((a: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(a) || !(ESCALATION_TYPES as readonly string[]).includes(a.type as string)) {
      return report(`${at}.type`, 'INVALID_ACTION', `must be one of ${ESCALATION_TYPES.join(', ')}, got ${isObject(a) ? describe(a.type) : describe(a)}`);
    }
    if (a.type === 'notify') {
      unknownFields(a, at, ['type', 'recipients'], report);
      if (!Array.isArray(a.recipients) || a.recipients.length === 0 || !a.recipients.every((r) => typeof r === 'string' && r.length > 0 && r.length <= 200)) {
        report(`${at}.recipients`, 'INVALID_ACTION', 'must list who is notified, e.g. ["group:service-desk-leads", "user:ana"]');
      }
    } else if (a.type === 'raisePriority') {
      unknownFields(a, at, ['type', 'levels'], report);
      if (typeof a.levels !== 'number' || !Number.isInteger(a.levels) || a.levels < 1 || a.levels > 4) report(`${at}.levels`, 'INVALID_ACTION', `must be 1 to 4 priority levels, got ${describe(a.levels)}`);
    } else {
      unknownFields(a, at, ['type', 'group'], report);
      if (typeof a.group !== 'string' || a.group.length === 0 || a.group.length > 200) report(`${at}.group`, 'INVALID_ACTION', `must name the escalation group, got ${describe(a.group)}`);
    }
  });
}

function unknownFields(value: JsonObject, path: string, known: readonly string[], report: Report): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) report(childPath(path, key), 'UNKNOWN_FIELD', `unknown field ${JSON.stringify(key)}; allowed: ${known.join(', ')}`);
  }
}

