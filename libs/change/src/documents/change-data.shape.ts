import { finding, type DataFinding } from '../data-finding';
import type { ChangeDataKind } from './change-data.events';

/**
 * The JSON shape of each kind of change data, checked before its rules: a field the format does
 * not have (a typo a change manager would never notice, e.g. `quorom`), a wrong type, a missing
 * field. Rules (ascending levels, a window that ends after it starts, quorum >= 1) are the
 * validators next to each type in ../risk, ../approvals, ../schedule and ../templates.
 */
type Shape =
  | 'string'
  | 'number'
  | 'integer'
  | 'true'
  | { optional: Shape }
  | { nullable: Shape }
  | { list: Shape }
  | { object: Record<string, Shape> }
  | { keys: readonly string[]; of: Shape };

const opt = (s: Shape): Shape => ({ optional: s });
const list = (s: Shape): Shape => ({ list: s });
const object = (o: Record<string, Shape>): Shape => ({ object: o });
/** `id` and `version` may be given (a version read back and edited): the URL and the store decide them. */
const identity = { id: opt('string'), version: opt('integer') };
const requirement = object({ group: opt('string'), quorum: opt('integer'), serviceOwner: opt('true') });

export const SHAPES: Record<ChangeDataKind, Shape> = {
  questionnaire: object({
    ...identity,
    questions: list(object({ id: 'string', text: 'string', options: list(object({ value: 'string', label: opt('string'), score: 'number' })) })),
    levels: list(object({ level: 'string', minScore: 'number' })),
  }),
  'approval-rule': object({ ...identity, levels: { keys: ['low', 'medium', 'high'], of: list(requirement) } }),
  'freeze-calendar': object({ ...identity, windows: list(object({ id: 'string', start: 'string', end: 'string', reason: 'string', services: opt(list('string')) })) }),
  template: object({
    ...identity,
    title: 'string',
    service: { nullable: 'string' },
    configurationItems: list('string'),
    implementationPlan: 'string',
    backoutPlan: 'string',
    maxDurationMinutes: 'integer',
  }),
};

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`.slice(0, 60));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every shape fault of `value`, each at its JSON path; never throws. */
export function shapeFindings(kind: ChangeDataKind, value: unknown): DataFinding[] {
  const out: DataFinding[] = [];
  check(SHAPES[kind], value, '$', out);
  return out;
}

function check(shape: Shape, v: unknown, path: string, out: DataFinding[]): void {
  if (typeof shape === 'string') {
    const ok = shape === 'string' ? typeof v === 'string' : shape === 'number' ? typeof v === 'number' && Number.isFinite(v) : shape === 'integer' ? Number.isInteger(v) : v === true;
    if (!ok) out.push(finding(path, 'WRONG_TYPE', `must be ${shape === 'true' ? 'true' : shape === 'integer' ? 'a whole number' : `a ${shape}`}, got ${describe(v)}`));
    return;
  }
  if ('optional' in shape) return v === undefined ? undefined : check(shape.optional, v, path, out);
  if ('nullable' in shape) return v === null ? undefined : check(shape.nullable, v, path, out);
  if ('list' in shape) {
    if (!Array.isArray(v)) return void out.push(finding(path, 'WRONG_TYPE', `must be a list, got ${describe(v)}`));
    return v.forEach((item, i) => check(shape.list, item, `${path}[${i}]`, out));
  }
  if (!isObject(v)) return void out.push(finding(path, 'WRONG_TYPE', `must be an object, got ${describe(v)}`));
  const fields = 'object' in shape ? shape.object : Object.fromEntries(shape.keys.map((k) => [k, shape.of]));
  for (const key of Object.keys(v)) if (!(key in fields)) out.push(finding(`${path}.${key}`, 'UNKNOWN_FIELD', `is not a field of this document (known: ${Object.keys(fields).join(', ')})`));
  for (const [key, s] of Object.entries(fields)) {
    if (v[key] === undefined && !(typeof s === 'object' && 'optional' in s)) out.push(finding(`${path}.${key}`, 'REQUIRED', 'is missing'));
    else check(s, v[key], `${path}.${key}`, out);
  }
}
