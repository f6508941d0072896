import type { JsonValue } from '@itil/event-store';
import { checkValue, isBlank, pathOf } from '../fields/check-value';
import type { VersionView } from '../lifecycle/version-view';
import type { InputError } from '../tickets.errors';
import type { FieldValues } from '../ticket.events';

export interface MappedInput {
  /** Field name -> value, for the properties this command may set. */
  fields: FieldValues;
  /** Field name -> the request property that carried it (for error paths). */
  keyOf: Map<string, string>;
  /** Wrong types, unknown properties (400). */
  invalid: InputError[];
  /** Known fields this command may not set in this state (422). */
  notAllowed: InputError[];
}

/**
 * Maps a request body onto the dictionary for one command (`create`, `update` or an event) in
 * one state, checking every value's type. `reserved` properties belong to the command itself
 * (a move's `note`) and are skipped.
 */
export function mapInput(view: VersionView, input: Record<string, unknown>, by: string, state: string | null, reserved: string[] = []): MappedInput {
  const settable = view.settableBy(by, state);
  const known = view.knownKeys();
  const out: MappedInput = { fields: {}, keyOf: new Map(), invalid: [], notAllowed: [] };
  for (const [key, value] of Object.entries(input)) {
    if (reserved.includes(key)) continue;
    const path = pathOf(key);
    const field = settable.get(key);
    if (field !== undefined) {
      const def = view.dictionary[field];
      if (value !== null) out.invalid.push(...checkValue(def.type, value, path));
      out.fields[field] = value as JsonValue;
      out.keyOf.set(field, key);
      continue;
    }
    if (!known.has(key)) {
      out.invalid.push({ path, code: 'UNKNOWN_FIELD', message: `'${key}' is not a field of ${view.def.process} tickets` });
      continue;
    }
    const named = view.dictionary[key];
    if (named && value !== null) out.invalid.push(...checkValue(named.type, value, path));
    const when = state === null ? '' : ` in state '${state}'`;
    out.notAllowed.push({ path, code: 'NOT_SETTABLE', message: `'${key}' cannot be set by ${describeBy(by)}${when}` });
  }
  return out;
}

const describeBy = (by: string): string => (by === 'create' ? 'the opening command' : by === 'update' ? 'a field update' : by);

/** Required fields the command sets must not be blank (text with only spaces, null, an empty list): 400. */
export function blankRequired(mapped: MappedInput, required: Iterable<string>): InputError[] {
  const errors: InputError[] = [];
  for (const field of required) {
    if (field in mapped.fields && isBlank(mapped.fields[field])) {
      errors.push({ path: pathOf(mapped.keyOf.get(field) ?? field), code: 'BLANK', message: 'must contain a non-space character' });
    }
  }
  return errors;
}
