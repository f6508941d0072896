/**
 * One thing wrong with a calendar or policy document, at the JSON path of the field
 * (`$.targets["1"].resolutionMinutes`), with a stable code a client can act on.
 */
export type SlaFindingCode =
  | 'SCHEMA'
  | 'UNKNOWN_FIELD'
  | 'CALENDAR'
  | 'UNKNOWN_CALENDAR'
  | 'INVALID_TARGET'
  | 'INVALID_THRESHOLD'
  | 'INVALID_ACTION'
  | 'INVALID_NAME';

export interface SlaFinding {
  path: string;
  code: SlaFindingCode;
  message: string;
}

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const has = (value: JsonObject, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined;

/** `$.a.b`, or `$.a["1"]` for keys that are not identifiers (as business-time writes them). */
export const childPath = (path: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** A short description of a value for a message (never the whole of a large value). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Names of calendars and policies: they become stream names and URL segments. */
export const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

