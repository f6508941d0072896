import { ReferenceInputInvalidError, type InputIssue } from './reference-data.errors';
import { idProblem, type ReferenceKind } from './reference-kinds';

/** Checks one value; returns a message when it is wrong. `undefined` means absent. */
export type Check = (value: unknown) => string | undefined;

export const text =
  (max: number, { optional = false } = {}): Check =>
  (v) => {
    if (v === undefined || v === null) return optional ? undefined : 'is required';
    if (typeof v !== 'string') return 'must be a string';
    if (v.trim() === '') return optional ? undefined : 'must not be blank';
    return v.length > max ? `must be at most ${max} characters` : undefined;
  };

export const oneOf =
  (values: readonly string[], { optional = false } = {}): Check =>
  (v) => {
    if (v === undefined) return optional ? undefined : 'is required';
    return typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
  };

/** The id of a reference-data record; `nullable` lets an optional link be cleared with null. */
export const refId =
  (kind: ReferenceKind, { optional = false, nullable = false } = {}): Check =>
  (v) => {
    if (v === undefined) return optional ? undefined : 'is required';
    if (v === null) return nullable ? undefined : 'must not be null';
    return idProblem(kind, v);
  };

export const array =
  (item: Check, { optional = false, max = 200 } = {}): Check =>
  (v) => {
    if (v === undefined) return optional ? undefined : 'is required';
    if (!Array.isArray(v)) return 'must be an array';
    if (v.length > max) return `must have at most ${max} items`;
    const bad = v.map(item).findIndex((m) => m !== undefined);
    return bad === -1 ? undefined : `[${bad}] ${item(v[bad])}`;
  };

/**
 * Validates a command's data against the checks of its fields and refuses unknown fields, so a
 * misspelt field is an error rather than silently ignored. Every issue carries its JSON path.
 */
export function checkShape<T>(data: unknown, checks: Record<string, Check>, at = '$'): T {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ReferenceInputInvalidError([{ path: at, message: 'must be a JSON object' }]);
  const issues: InputIssue[] = [];
  for (const key of Object.keys(data)) if (!(key in checks)) issues.push({ path: `${at}.${key}`, message: 'is not a known field' });
  for (const [key, check] of Object.entries(checks)) {
    const message = check((data as Record<string, unknown>)[key]);
    if (message) issues.push({ path: `${at}.${key}`, message });
  }
  if (issues.length > 0) throw new ReferenceInputInvalidError(issues);
  return data as T;
}
