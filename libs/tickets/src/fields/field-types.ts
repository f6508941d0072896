import type { JsonValue } from '@itil/event-store';

/**
 * The typed field dictionary: what a ticket of a process may hold. Every command's input is
 * checked against it (type, who may set it, in which state) before anything is decided.
 */
export type ReferenceTarget = 'ticket' | 'ci' | 'service' | 'catalog-item';

export type FieldType =
  /** Text up to `maxLength` characters. Never control characters other than newline and tab. */
  | { kind: 'text'; maxLength: number; multiline?: boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'number'; min?: number; max?: number; integer?: boolean }
  | { kind: 'boolean' }
  /** An ISO 8601 instant with a zone, e.g. `2026-03-02T10:00:00Z`. */
  | { kind: 'instant' }
  /** Whole minutes (work logged, waiting times): a non-negative integer. */
  | { kind: 'duration'; maxMinutes?: number }
  /** A user id (`raj`, `caller:bob`). With `memberOf`, the user must belong to the group that field names. */
  | { kind: 'user'; memberOf?: string }
  /** An assignment group id: it must exist in the reference data. */
  | { kind: 'group' }
  /** A reference to a record that must exist: another ticket (of `process`, when given), a CI, a service, a catalog item. */
  | { kind: 'ref'; to: ReferenceTarget; process?: string }
  | { kind: 'list'; of: FieldType; maxItems?: number }
  /**
   * A JSON object whose shape is data, not dictionary: a catalog item's form filled in. The engine
   * checks it is an object of at most `maxProperties` keys; a policy checks it against its shape.
   */
  | { kind: 'object'; maxProperties?: number };

/** Who may set a field: the opening command, a field update (PATCH), or a lifecycle event. */
export const SET_ON_OPEN = 'create';
export const SET_ON_UPDATE = 'update';

export interface FieldSetter {
  /** `create`, `update`, or a lifecycle event name such as `ASSIGN`. */
  by: string;
  /** Only while the ticket is in one of these states (the ticket's state before the command). */
  states?: string[];
  /** The request property that carries the value, when it is not the field's own name (`reason` for `pendingReason`). */
  as?: string;
}

export interface FieldDefinition {
  type: FieldType;
  description?: string;
  /** An example value for the OpenAPI document. */
  example?: JsonValue;
  /** Who may set it. A field nobody sets is derived by a policy (e.g. priority). Strings are `{ by }`. */
  setBy: (string | FieldSetter)[];
  /** Required by the opening command. (Transitions and states say what they require in the lifecycle.) */
  requiredOnOpen?: boolean;
}

export type FieldDictionary = Readonly<Record<string, FieldDefinition>>;

/** A field's JSON type as a lifecycle version may declare it in `meta.fields.<name>.type`. */
export type FieldTypeJson = FieldType;

export const settersOf = (field: FieldDefinition): FieldSetter[] => field.setBy.map((s) => (typeof s === 'string' ? { by: s } : s));
