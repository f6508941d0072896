import type { JsonValue } from '@itil/event-store';
import type { InputError } from '../tickets.errors';
import type { FieldType } from './field-types';

/*
 * The API's text rules (apps/api/src/http/text.validators.ts), here for every field: control
 * characters corrupt exports, terminals and the CLI's tables, so they are refused, except newline
 * and tab (and CR only in a CRLF) in multi-line text; single-line text (names, titles, codes) has
 * no line breaks or tabs either. Required text must say something: blank, Unicode spaces and
 * invisible format characters (U+200B) only is blank.
 */
const VISIBLE = /[^\s\p{Cf}]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/u;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[\w.:@/-]{1,200}$/;

/**
 * Checks one value against its field type. Returns the errors (empty when fine), each at `path`
 * or below it for list items. `required` makes blank text an error.
 */
export function checkValue(type: FieldType, value: unknown, path: string, required = false): InputError[] {
  const wrong = (expected: string): InputError[] => [{ path, code: 'WRONG_TYPE', message: `must be ${expected}, got ${describe(value)}` }];
  switch (type.kind) {
    case 'text': {
      if (typeof value !== 'string') return wrong('text');
      if ((type.multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(value)) {
        return [{ path, code: 'CONTROL_CHARACTERS', message: type.multiline ? 'must not contain control characters other than newline and tab' : 'must be one line without control characters' }];
      }
      if (value.length > type.maxLength) return [{ path, code: 'TOO_LONG', message: `must be at most ${type.maxLength} characters (got ${value.length})` }];
      if (required && !VISIBLE.test(value)) return [{ path, code: 'BLANK', message: 'must contain a non-space character' }];
      return [];
    }
    case 'enum':
      if (typeof value !== 'string') return wrong(`one of ${type.values.join(', ')}`);
      return type.values.includes(value) ? [] : [{ path, code: 'NOT_IN_ENUM', message: `must be one of ${type.values.join(', ')} (got ${JSON.stringify(value)})` }];
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong(type.integer ? 'an integer' : 'a number');
      if (type.integer && !Number.isInteger(value)) return wrong('an integer');
      if ((type.min !== undefined && value < type.min) || (type.max !== undefined && value > type.max)) {
        return [{ path, code: 'OUT_OF_RANGE', message: `must be between ${type.min ?? '-inf'} and ${type.max ?? 'inf'} (got ${value})` }];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong('true or false');
    case 'instant':
      return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? [] : wrong('an ISO 8601 instant with a zone, e.g. 2026-03-02T10:00:00Z');
    case 'duration': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong('a whole number of minutes');
      const max = type.maxMinutes ?? 60 * 24 * 366;
      return value >= 0 && value <= max ? [] : [{ path, code: 'OUT_OF_RANGE', message: `must be between 0 and ${max} minutes (got ${value})` }];
    }
    case 'user':
    case 'group':
    case 'ref':
      if (typeof value !== 'string' || !ID.test(value)) return wrong('an id: 1-200 letters, digits and . : @ / - _');
      return [];
    case 'list': {
      if (!Array.isArray(value)) return wrong('a list');
      if (type.maxItems !== undefined && value.length > type.maxItems) return [{ path, code: 'TOO_MANY_ITEMS', message: `must have at most ${type.maxItems} items` }];
      return value.flatMap((item, i) => checkValue(type.of, item, `${path}[${i}]`));
    }
    case 'object': {
      // Only that it is an object of bounded size: its shape is data, checked by a policy (e.g. a catalog item's form).
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrong('an object');
      const max = type.maxProperties ?? 100;
      return Object.keys(value).length <= max ? [] : [{ path, code: 'TOO_MANY_ITEMS', message: `must have at most ${max} properties` }];
    }
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}` : typeof value;
}

/** Blank means absent, for "required": null, undefined, '' or spaces, or an empty list. */
export const isBlank = (value: JsonValue | undefined): boolean =>
  value === undefined || value === null || (typeof value === 'string' && !VISIBLE.test(value)) || (Array.isArray(value) && value.length === 0);

/** `$.assignee` for a body property (bracketed when it is not an identifier). */
export const pathOf = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `$.${key}` : `$[${JSON.stringify(key)}]`);
