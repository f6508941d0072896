import { CSI_METRIC_NAMES, type CsiMetric } from '@itil/read-models/queries/csi-definitions';
import { ImprovementInputInvalidError, type InputIssue } from '../improvement.errors';
import type { Direction } from './initiative.events';

/** Ids of services and users, as reference data spells them. */
const REF_ID = /^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,99}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_WINDOW_DAYS = 366;
export const DEFAULT_WINDOW_DAYS = 30;

type Check = (v: unknown) => string | undefined;
const text =
  (max: number, optional = false): Check =>
  (v) =>
    v === undefined && optional ? undefined : typeof v === 'string' && v.trim().length > 0 && v.length <= max ? undefined : `must be a non-empty string of at most ${max} characters`;
const refId: Check = (v) => (typeof v === 'string' && REF_ID.test(v) ? undefined : 'must be an id: 1-100 letters, digits, . _ : - starting with a letter or digit');
const finite: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'must be a finite number');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of: ${values.join(', ')}`;
/** A calendar date that exists (2026-02-30 does not). */
const date: Check = (v) => (typeof v === 'string' && DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? undefined : 'must be a date, YYYY-MM-DD');
const windowDays: Check = (v) => (v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_WINDOW_DAYS) ? undefined : `must be a whole number of days, 1-${MAX_WINDOW_DAYS}`);
const optional = (check: Check): Check => (v) => (v === undefined ? undefined : check(v));

/** Checks every listed field and refuses any other: all problems at once, by JSON path. */
function checkShape<T>(data: unknown, checks: Record<string, Check>, extra: (d: Record<string, unknown>) => InputIssue[] = () => []): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ImprovementInputInvalidError([{ path: '$', message: 'must be a JSON object' }]);
  const d = data as Record<string, unknown>;
  const issues: InputIssue[] = [];
  for (const key of Object.keys(d)) if (!(key in checks)) issues.push({ path: `$.${key}`, message: 'is not a known field' });
  for (const [key, check] of Object.entries(checks)) {
    const problem = check(d[key]);
    if (problem) issues.push({ path: `$.${key}`, message: d[key] === undefined ? 'is required' : problem });
  }
  if (issues.length === 0) issues.push(...extra(d));
  if (issues.length > 0) throw new ImprovementInputInvalidError(issues);
  return d as T;
}

export interface RegistrationInput {
  title: string;
  service: string;
  metric: CsiMetric;
  windowDays?: number;
  baselineAt: string;
  target: number;
  direction: Direction;
  dueDate: string;
  owner: string;
}

/**
 * A registration as asked (before anything is measured). The baseline is a state already seen,
 * so its date is today or earlier; the due date comes after it.
 */
export function checkRegistration(data: unknown, now: Date): RegistrationInput {
  const today = now.toISOString().slice(0, 10);
  return checkShape<RegistrationInput>(
    data,
    { title: text(200), service: refId, metric: oneOf(CSI_METRIC_NAMES), windowDays, baselineAt: date, target: finite, direction: oneOf(['lower', 'higher']), dueDate: date, owner: refId },
    (d) => [
      ...(String(d.baselineAt) > today ? [{ path: '$.baselineAt', message: `is in the future (today is ${today}): a baseline is measured, not forecast` }] : []),
      ...(String(d.dueDate) <= String(d.baselineAt) ? [{ path: '$.dueDate', message: 'must be after baselineAt' }] : []),
    ],
  );
}

export interface RevisionInput {
  target?: number;
  dueDate?: string;
  reason: string;
}

export const checkRevision = (data: unknown): RevisionInput =>
  checkShape<RevisionInput>(data, { target: optional(finite), dueDate: optional(date), reason: text(1000) }, (d) =>
    d.target === undefined && d.dueDate === undefined ? [{ path: '$', message: 'names neither target nor dueDate' }] : [],
  );

export interface OwnerInput {
  owner: string;
  reason?: string;
}

export const checkOwnerChange = (data: unknown): OwnerInput => checkShape<OwnerInput>(data, { owner: refId, reason: text(1000, true) });

export interface CloseInput {
  outcome: 'achieved' | 'abandoned';
  reason?: string;
}

/** Abandoning says why (the register is also a record of what did not work). */
export const checkClose = (data: unknown): CloseInput =>
  checkShape<CloseInput>(data, { outcome: oneOf(['achieved', 'abandoned']), reason: text(1000, true) }, (d) =>
    d.outcome === 'abandoned' && d.reason === undefined ? [{ path: '$.reason', message: 'is required to abandon an initiative' }] : [],
  );
