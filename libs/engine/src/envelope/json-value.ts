import type { JsonValue } from '@itil/event-store';
import { NonJsonValueError } from './envelope.errors';

const MAX_DEPTH = 512;

/**
 * The JSON value the store will keep for `value`, built once so that the event is hashed, folded
 * and written as exactly what is read back. It follows JSON.stringify where JSON.stringify is
 * exact: `toJSON` is applied (a Date becomes its ISO string), an undefined property is dropped,
 * an undefined array item becomes null. Where JSON.stringify would silently store something else
 * it refuses instead: NaN and Infinity (stored as null), bigint, functions and symbols, Map and
 * Set (stored as {}), and cycles or nesting deeper than 512.
 */
export function toJsonValue(value: unknown, path = '$'): JsonValue {
  return normalise(value, path, 0);
}

function normalise(value: unknown, path: string, depth: number): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonJsonValueError(path, `${value} is not a JSON number`);
    return value;
  }
  if (typeof value !== 'object') throw new NonJsonValueError(path, `a ${typeof value} has no JSON form`);
  if (depth >= MAX_DEPTH) throw new NonJsonValueError(path, `nested deeper than ${MAX_DEPTH} (or a cycle)`);
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') return normalise((withToJson.toJSON as () => unknown).call(value), path, depth + 1);
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : normalise(item, `${path}[${i}]`, depth + 1)));
  if (value instanceof Map || value instanceof Set) throw new NonJsonValueError(path, `a ${value.constructor.name} would be stored as {}`);
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = normalise(item, `${path}.${key}`, depth + 1);
  }
  return out;
}
