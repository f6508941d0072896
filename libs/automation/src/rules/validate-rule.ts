import { validateCalendar, type BusinessCalendar } from '@itil/business-time';
import type { ReferenceQuery, ReferenceSnapshot } from '@itil/tickets';
import { CONDITION_FIELDS, RULE_KINDS, type AutomationRule, type RuleFinding, type RuleKind } from './automation-rule.types';

/** What a rule may refer to, read by the caller before validating (validation does no I/O). */
export interface RuleContext {
  /** Processes the engine runs: a rule for another one would never fire. */
  processes: readonly string[];
  /** Groups, services and configuration items the rule names, resolved (absent = unknown). */
  references: ReferenceSnapshot;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const RULE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TOP_FIELDS = ['id', 'description', 'kind', 'order', 'enabled', 'process', 'when', 'then'];
const THEN_FIELDS: Record<RuleKind, string[]> = {
  'auto-assign': ['assignmentGroup', 'assignee'],
  'auto-close': ['businessMinutes', 'calendar'],
  'standard-change-approval': [],
};
/** A year of business minutes: longer delays are a typo, not a policy. */
const MAX_DELAY_MINUTES = 525_600;

/** The reference queries a rule document needs answered before `validateRule` (read from the raw input). */
export function referencesOf(input: unknown): ReferenceQuery[] {
  if (!isObj(input)) return [];
  const out: ReferenceQuery[] = [];
  const when = isObj(input.when) ? input.when : {};
  const then = isObj(input.then) ? input.then : {};
  if (typeof when.service === 'string') out.push({ kind: 'service', id: when.service });
  if (typeof when.configurationItem === 'string') out.push({ kind: 'ci', id: when.configurationItem });
  if (typeof then.assignmentGroup === 'string') out.push({ kind: 'group', id: then.assignmentGroup });
  return out;
}

/**
 * The whole rule document, checked: unknown fields, types, the kind's own part, and every
 * reference (process, group, the assignee's membership, service, configuration item). All
 * findings at once, each at its JSON path; a rule with any finding is never written.
 */
export function validateRule(input: unknown, context: RuleContext): { valid: true; rule: AutomationRule } | { valid: false; findings: RuleFinding[] } {
  const findings: RuleFinding[] = [];
  const report = (path: string, code: RuleFinding['code'], message: string) => findings.push({ path, code, message });
  if (!isObj(input)) return { valid: false, findings: [{ path: '$', code: 'WRONG_TYPE', message: 'a rule is a JSON object' }] };
  const unknownFields = (obj: Obj, allowed: string[], at: string) => {
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) report(`${at}.${key}`, 'UNKNOWN_FIELD', `not a field of ${at === '$' ? 'a rule' : at}; allowed: ${allowed.join(', ') || 'none'}`);
  };
  const text = (v: unknown, path: string, required: boolean): string | undefined => {
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim() === '') report(path, v === undefined ? 'REQUIRED' : 'WRONG_TYPE', 'must be a non-empty string');
    else return v;
    return undefined;
  };
  unknownFields(input, TOP_FIELDS, '$');

  const id = text(input.id, '$.id', true);
  if (id !== undefined && !RULE_ID.test(id)) report('$.id', 'WRONG_TYPE', 'lower-case letters, digits and hyphens, at most 63');
  text(input.description, '$.description', false);
  const kind = input.kind as RuleKind;
  if (!RULE_KINDS.includes(kind)) report('$.kind', input.kind === undefined ? 'REQUIRED' : 'NOT_IN_ENUM', `one of ${RULE_KINDS.join(', ')}`);
  if (input.order !== undefined && !(Number.isInteger(input.order) && (input.order as number) >= 0 && (input.order as number) <= 1_000_000)) report('$.order', 'OUT_OF_RANGE', 'an integer from 0 to 1000000');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') report('$.enabled', 'WRONG_TYPE', 'true or false');
  const process = text(input.process, '$.process', true);
  if (process !== undefined && !context.processes.includes(process)) report('$.process', 'UNKNOWN_REFERENCE', `no process '${process}'; known: ${context.processes.join(', ')}`);
  if (kind === 'standard-change-approval' && process !== undefined && process !== 'change') report('$.process', 'NOT_IN_ENUM', 'standard changes are changes: process must be change');

  const when = input.when ?? {};
  if (!isObj(when)) report('$.when', 'WRONG_TYPE', 'an object of conditions');
  else {
    unknownFields(when, [...CONDITION_FIELDS], '$.when');
    for (const key of CONDITION_FIELDS) text(when[key], `$.when.${key}`, false);
    if (typeof when.service === 'string' && !context.references.service[when.service]) report('$.when.service', 'UNKNOWN_REFERENCE', `no service '${when.service}'`);
    if (typeof when.configurationItem === 'string' && !context.references.ci[when.configurationItem]) report('$.when.configurationItem', 'UNKNOWN_REFERENCE', `no configuration item '${when.configurationItem}'`);
  }

  const then = input.then ?? (kind === 'standard-change-approval' ? {} : undefined);
  if (!isObj(then)) report('$.then', then === undefined ? 'REQUIRED' : 'WRONG_TYPE', 'an object: what the rule does');
  else if (RULE_KINDS.includes(kind)) {
    unknownFields(then, THEN_FIELDS[kind], '$.then');
    if (kind === 'auto-assign') checkAssignment(then, context, text, report);
    if (kind === 'auto-close') checkDelay(then, report);
  }
  if (findings.length > 0) return { valid: false, findings };
  // The stored form: defaults filled in, so every version reads the same without code.
  const rule = { ...(input as Obj), order: (input.order as number | undefined) ?? 100, enabled: (input.enabled as boolean | undefined) ?? true, when, then } as unknown as AutomationRule;
  if (rule.kind === 'auto-close') rule.then = { ...rule.then, calendar: (validateCalendar(rule.then.calendar) as { calendar: BusinessCalendar }).calendar };
  return { valid: true, rule };
}

type Report = (path: string, code: RuleFinding['code'], message: string) => void;

function checkAssignment(then: Obj, context: RuleContext, text: (v: unknown, path: string, required: boolean) => string | undefined, report: Report): void {
  const group = text(then.assignmentGroup, '$.then.assignmentGroup', true);
  const assignee = text(then.assignee, '$.then.assignee', false);
  if (group === undefined) return;
  const record = context.references.group[group];
  if (!record) report('$.then.assignmentGroup', 'UNKNOWN_REFERENCE', `no group '${group}'`);
  else if (!record.active) report('$.then.assignmentGroup', 'INACTIVE_REFERENCE', `group '${group}' is inactive`);
  else if (assignee !== undefined && !record.members.includes(assignee.replace(/^user:/, ''))) report('$.then.assignee', 'NOT_A_MEMBER', `'${assignee}' is not a member of ${group}`);
}

function checkDelay(then: Obj, report: Report): void {
  const minutes = then.businessMinutes;
  if (minutes === undefined) report('$.then.businessMinutes', 'REQUIRED', 'the business minutes after resolution');
  else if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > MAX_DELAY_MINUTES) report('$.then.businessMinutes', 'OUT_OF_RANGE', `an integer from 1 to ${MAX_DELAY_MINUTES}`);
  if (then.calendar === undefined) return report('$.then.calendar', 'REQUIRED', 'the business calendar the delay is counted in');
  const calendar = validateCalendar(then.calendar);
  if (!calendar.valid) for (const f of calendar.findings) report(f.path.replace(/^\$/, '$.then.calendar'), 'INVALID_CALENDAR', f.message);
}
