import { checkValue as engineCheckValue, type FieldType, type ReferenceTarget } from '@itil/tickets';
import type { InputIssue } from '../reference-data.errors';

/**
 * A field of a catalog item's request form. Its type is the ticket field dictionary's own
 * `FieldType` (text with a maximum length, enumeration, number with bounds, instant, duration in
 * minutes, user, group, a reference to a ticket / CI / service / catalog item, a list of these),
 * so a form value is checked by the same rules a ticket field is.
 */
export type FormField = { name: string; label: string; type: FieldType; required?: boolean; help?: string };

/** A value that points at another record: checked against reference data when a request is raised. */
export interface FormReference {
  path: string;
  kind: 'user' | 'group' | ReferenceTarget;
  id: string;
}

const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const KINDS = ['text', 'enum', 'number', 'boolean', 'instant', 'duration', 'user', 'group', 'ref', 'list'];
const REFERENCE_TARGETS: ReferenceTarget[] = ['ticket', 'ci', 'service', 'catalog-item'];

/** Checks a form definition (data a catalog manager writes): every issue with its JSON path. */
export function formDefinitionIssues(form: unknown, at = '$.form'): InputIssue[] {
  if (!Array.isArray(form)) return [{ path: at, message: 'must be an array of fields' }];
  if (form.length > 100) return [{ path: at, message: 'must have at most 100 fields' }];
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  form.forEach((field: unknown, i) => {
    const path = `${at}[${i}]`;
    if (field === null || typeof field !== 'object' || Array.isArray(field)) return issues.push({ path, message: 'must be an object' });
    const f = field as Record<string, unknown>;
    if (typeof f.name !== 'string' || !FIELD_NAME.test(f.name)) issues.push({ path: `${path}.name`, message: 'must be an identifier (letters, digits, _), at most 64' });
    else if (seen.has(f.name)) issues.push({ path: `${path}.name`, message: `duplicates field '${f.name}'` });
    else seen.add(f.name);
    if (typeof f.label !== 'string' || f.label.trim() === '' || f.label.length > 200) issues.push({ path: `${path}.label`, message: 'must be 1-200 characters' });
    if (f.required !== undefined && typeof f.required !== 'boolean') issues.push({ path: `${path}.required`, message: 'must be a boolean' });
    if (f.help !== undefined && (typeof f.help !== 'string' || f.help.length > 1000)) issues.push({ path: `${path}.help`, message: 'must be a string of at most 1000 characters' });
    const known = ['name', 'label', 'type', 'required', 'help'];
    for (const k of Object.keys(f)) if (!known.includes(k)) issues.push({ path: `${path}.${k}`, message: 'is not a property of a form field' });
    if (f.type === null || typeof f.type !== 'object' || Array.isArray(f.type)) issues.push({ path: `${path}.type`, message: 'must be a field type, e.g. {"kind": "text", "maxLength": 200}' });
    else issues.push(...typeIssues(f.type as Record<string, unknown>, `${path}.type`));
  });
  return issues;
}

function typeIssues(t: Record<string, unknown>, path: string): InputIssue[] {
  const extra = (allowed: string[]) =>
    Object.keys(t)
      .filter((k) => k !== 'kind' && !allowed.includes(k))
      .map((k) => ({ path: `${path}.${k}`, message: `is not a property of a ${String(t.kind)} field` }));
  switch (t.kind) {
    case 'text':
      return [...extra(['maxLength', 'multiline']), ...(isInt(t.maxLength) && t.maxLength >= 1 && t.maxLength <= 100_000 ? [] : [{ path: `${path}.maxLength`, message: 'must be an integer from 1 to 100000' }])];
    case 'enum': {
      const ok = Array.isArray(t.values) && t.values.length > 0 && t.values.every((v) => typeof v === 'string' && v !== '') && new Set(t.values).size === t.values.length;
      return [...extra(['values']), ...(ok ? [] : [{ path: `${path}.values`, message: 'must be a non-empty list of distinct strings' }])];
    }
    case 'number': {
      const issues = extra(['min', 'max', 'integer']);
      for (const k of ['min', 'max'] as const) if (t[k] !== undefined && !Number.isFinite(t[k])) issues.push({ path: `${path}.${k}`, message: 'must be a number' });
      if (typeof t.min === 'number' && typeof t.max === 'number' && t.min > t.max) issues.push({ path: `${path}.min`, message: 'must not exceed max' });
      if (t.integer !== undefined && typeof t.integer !== 'boolean') issues.push({ path: `${path}.integer`, message: 'must be a boolean' });
      return issues;
    }
    case 'ref':
      return [...extra(['to', 'process']), ...(REFERENCE_TARGETS.includes(t.to as ReferenceTarget) ? [] : [{ path: `${path}.to`, message: `must be one of ${REFERENCE_TARGETS.join(', ')}` }])];
    case 'list': {
      const issues = extra(['of', 'maxItems']);
      if (t.maxItems !== undefined && !(isInt(t.maxItems) && t.maxItems >= 1)) issues.push({ path: `${path}.maxItems`, message: 'must be a positive integer' });
      const of = t.of as Record<string, unknown> | undefined;
      if (!of || typeof of !== 'object') return [...issues, { path: `${path}.of`, message: 'must be a field type' }];
      if (of.kind === 'list') return [...issues, { path: `${path}.of.kind`, message: 'a list of lists is not supported' }];
      return [...issues, ...typeIssues(of, `${path}.of`)];
    }
    case 'duration':
      return [...extra(['maxMinutes']), ...(t.maxMinutes === undefined || (isInt(t.maxMinutes) && t.maxMinutes >= 0) ? [] : [{ path: `${path}.maxMinutes`, message: 'must be a whole number of minutes' }])];
    case 'boolean':
    case 'instant':
    case 'user':
    case 'group':
      // (`memberOf` names another ticket field: it has no meaning on a request form.)
      return extra([]);
    default:
      return [{ path: `${path}.kind`, message: `must be one of ${KINDS.join(', ')}` }];
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Checks the values a requester filled in against the item's form: unknown fields, missing
 * required ones and wrong types are issues; references are returned to be checked against
 * reference data by the caller (this function does no I/O).
 */
export function checkFormValues(form: FormField[], values: unknown, at = '$.form'): { issues: InputIssue[]; references: FormReference[] } {
  const issues: InputIssue[] = [];
  const references: FormReference[] = [];
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return { issues: [{ path: at, message: 'must be an object of field values' }], references };
  const given = values as Record<string, unknown>;
  const byName = new Map(form.map((f) => [f.name, f]));
  for (const key of Object.keys(given)) if (!byName.has(key)) issues.push({ path: `${at}.${key}`, message: 'is not a field of this catalog item' });
  for (const field of form) {
    const value = given[field.name];
    const path = `${at}.${field.name}`;
    if (value === undefined || value === null) {
      if (field.required) issues.push({ path, message: 'is required' });
      continue;
    }
    checkValue(field.type, value, path, issues, references);
  }
  return { issues, references };
}

/**
 * One value: its type is checked by the ticket engine's own `checkValue` (one rule for a ticket
 * field and a form field); references are collected to be checked against reference data.
 */
function checkValue(t: FieldType, v: unknown, path: string, issues: InputIssue[], refs: FormReference[]): void {
  const errors = engineCheckValue(t, v, path);
  issues.push(...errors.map((e) => ({ path: e.path, message: e.message })));
  if (errors.length > 0) return;
  collectReferences(t, v, path, refs);
}

function collectReferences(t: FieldType, v: unknown, path: string, refs: FormReference[]): void {
  if (t.kind === 'list' && Array.isArray(v)) return v.forEach((item, i) => collectReferences(t.of, item, `${path}[${i}]`, refs));
  if (typeof v !== 'string') return;
  if (t.kind === 'user' || t.kind === 'group') refs.push({ path, kind: t.kind, id: v });
  if (t.kind === 'ref') refs.push({ path, kind: t.to, id: v });
}
