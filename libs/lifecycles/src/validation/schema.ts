import { jsonPath, type JsonPathSegments } from '../definition/json-path';
import { SLA_CLOCKS, STATE_CATEGORIES } from '../definition/lifecycle-json';
import type { LifecycleFinding } from './lifecycle-finding';

const ROOT_KEYS = ['id', 'initial', 'description', 'meta', 'states'];
const STATE_KEYS = ['type', 'description', 'entry', 'exit', 'on', 'meta', 'id'];
const FLAT_ONLY = ['states', 'initial', 'always', 'after', 'invoke', 'history', 'onDone', 'context'];
const TRANSITION_KEYS = ['target', 'guard', 'actions', 'description', 'meta', 'reenter'];
const FIELD_KEYS = ['description', 'setBy', 'type', 'example', 'requiredOnOpen'];
const SETTER_KEYS = ['by', 'states', 'as'];
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The shape of a lifecycle document: what a process owner may write, checked key by key so that
 * each mistake gets its own path. Lifecycles are flat machines: one level of states.
 */
export function checkSchema(doc: unknown): LifecycleFinding[] {
  const findings: LifecycleFinding[] = [];
  const add = (path: JsonPathSegments, message: string) => findings.push({ path: jsonPath(path), code: 'SCHEMA', severity: 'error', message });

  if (!isObject(doc)) {
    add([], 'A lifecycle definition is a JSON object with id, initial and states.');
    return findings;
  }
  unknownKeys(doc, ROOT_KEYS, [], add, 'at the top level');
  if (typeof doc.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(doc.id)) add(['id'], 'id is required: the process name in lower case with dashes, e.g. "change-normal".');
  if (doc.initial !== undefined && typeof doc.initial !== 'string') add(['initial'], 'initial must be the name of a state.');
  if (doc.description !== undefined && typeof doc.description !== 'string') add(['description'], 'description must be text.');
  if (doc.meta !== undefined) checkRootMeta(doc.meta, add);
  if (!isObject(doc.states) || Object.keys(doc.states).length === 0) {
    add(['states'], 'states is required: an object with one entry per state.');
    return findings;
  }
  for (const [name, state] of Object.entries(doc.states)) checkState(name, state, add);
  return findings;
}

type Add = (path: JsonPathSegments, message: string) => void;

function unknownKeys(obj: Obj, allowed: string[], path: JsonPathSegments, add: Add, where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) add([...path, key], `'${key}' is not allowed ${where}; allowed: ${allowed.join(', ')}.`);
  }
}

function checkStringList(value: unknown, path: JsonPathSegments, add: Add, what: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return add(path, `${what} must be a list of names.`);
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') add([...path, i], `${what} entries must be non-empty names.`);
    else if (seen.has(item)) add([...path, i], `'${item}' is listed twice.`);
    else seen.add(item);
  });
}

function checkNames(value: unknown, path: JsonPathSegments, add: Add, what: string): void {
  if (value === undefined || typeof value === 'string') return;
  checkStringList(value, path, add, what);
}

function checkRootMeta(meta: unknown, add: Add): void {
  if (!isObject(meta)) return add(['meta'], 'meta must be an object (title, fields).');
  unknownKeys(meta, ['title', 'fields'], ['meta'], add, 'in the lifecycle meta');
  if (meta.title !== undefined && typeof meta.title !== 'string') add(['meta', 'title'], 'title must be text.');
  if (meta.fields === undefined) return;
  if (!isObject(meta.fields)) return add(['meta', 'fields'], 'fields must be an object: field name -> { description, setBy }.');
  for (const [field, spec] of Object.entries(meta.fields)) {
    const path = ['meta', 'fields', field];
    if (!isObject(spec)) {
      add(path, 'Each field is an object { "description": ..., "setBy": [...] }.');
      continue;
    }
    unknownKeys(spec, FIELD_KEYS, path, add, 'in a field');
    if (!Array.isArray(spec.setBy)) add([...path, 'setBy'], `setBy must list what sets '${field}': "create", "update" or event names ([] for a derived or pinned field).`);
    else spec.setBy.forEach((setter, i) => checkSetter(setter, [...path, 'setBy', i], add));
    if (spec.type !== undefined) checkFieldType(spec.type, [...path, 'type'], add);
    if (spec.requiredOnOpen !== undefined && typeof spec.requiredOnOpen !== 'boolean') add([...path, 'requiredOnOpen'], 'requiredOnOpen must be true or false.');
  }
}

function checkSetter(setter: unknown, path: JsonPathSegments, add: Add): void {
  if (typeof setter === 'string') {
    if (setter.trim() === '') add(path, 'setBy entries must be non-empty names.');
    return;
  }
  if (!isObject(setter)) return add(path, 'A setBy entry is a name or { "by": name, "states": [...], "as": property }.');
  unknownKeys(setter, SETTER_KEYS, path, add, 'in a setBy entry');
  if (typeof setter.by !== 'string' || setter.by === '') add([...path, 'by'], 'by is required: "create", "update" or an event name.');
  checkStringList(setter.states, [...path, 'states'], add, 'states');
  if (setter.as !== undefined && (typeof setter.as !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(setter.as))) add([...path, 'as'], 'as must be a property name.');
}

const FIELD_KINDS = ['text', 'enum', 'number', 'boolean', 'instant', 'duration', 'user', 'group', 'ref', 'list'];
const REF_TARGETS = ['ticket', 'ci', 'service', 'catalog-item'];

/** A field type as the typed dictionary defines it (libs/tickets FieldType). */
export function checkFieldType(type: unknown, path: JsonPathSegments, add: Add): void {
  if (!isObject(type) || typeof type.kind !== 'string' || !FIELD_KINDS.includes(type.kind)) {
    return add(path, `type must be an object whose kind is one of ${FIELD_KINDS.join(', ')}.`);
  }
  const num = (key: string) => type[key] !== undefined && (typeof type[key] !== 'number' || !Number.isFinite(type[key]));
  switch (type.kind) {
    case 'text':
      if (typeof type.maxLength !== 'number' || !Number.isInteger(type.maxLength) || type.maxLength < 1) add([...path, 'maxLength'], 'A text field needs a maxLength (a positive integer).');
      break;
    case 'enum':
      if (!Array.isArray(type.values) || type.values.length === 0) add([...path, 'values'], 'An enum needs its values.');
      else checkStringList(type.values, [...path, 'values'], add, 'values');
      break;
    case 'number':
      for (const key of ['min', 'max']) if (num(key)) add([...path, key], `${key} must be a number.`);
      break;
    case 'ref':
      if (!REF_TARGETS.includes(type.to as string)) add([...path, 'to'], `A reference points to one of ${REF_TARGETS.join(', ')}.`);
      break;
    case 'list':
      checkFieldType(type.of, [...path, 'of'], add);
      break;
    default:
      break;
  }
}

function checkState(name: string, state: unknown, add: Add): void {
  const path = ['states', name];
  if (!NAME.test(name)) add(path, `State name '${name}' must start with a letter and use letters, digits, - or _.`);
  if (!isObject(state)) return add(path, 'A state is an object (meta, on, type...).');
  for (const key of FLAT_ONLY) {
    if (key in state) add([...path, key], `'${key}' is not supported: lifecycles are flat machines (one level of states, no timers or invoked services).`);
  }
  unknownKeys(
    Object.fromEntries(Object.entries(state).filter(([k]) => !FLAT_ONLY.includes(k))),
    STATE_KEYS,
    path,
    add,
    'in a state',
  );
  if (state.type !== undefined && state.type !== 'final') add([...path, 'type'], `type may only be "final" (got ${JSON.stringify(state.type)}).`);
  if (state.id !== undefined && (typeof state.id !== 'string' || state.id === '')) add([...path, 'id'], 'id must be a non-empty name.');
  if (state.description !== undefined && typeof state.description !== 'string') add([...path, 'description'], 'description must be text.');
  checkNames(state.entry, [...path, 'entry'], add, 'entry actions');
  checkNames(state.exit, [...path, 'exit'], add, 'exit actions');
  checkStateMeta(state.meta, [...path, 'meta'], add);
  if (state.on === undefined) return;
  if (!isObject(state.on)) return add([...path, 'on'], 'on maps event names to transitions.');
  if (state.type === 'final' && Object.keys(state.on).length > 0) add([...path, 'on'], 'A final state has no transitions: nothing can happen to a ticket after it.');
  for (const [event, spec] of Object.entries(state.on)) checkTransitions(event, spec, [...path, 'on', event], add);
}

function checkStateMeta(meta: unknown, path: JsonPathSegments, add: Add): void {
  if (!isObject(meta)) return add(path, `meta is required: { "category": one of ${STATE_CATEGORIES.join('|')}, "sla": one of ${SLA_CLOCKS.join('|')} }.`);
  unknownKeys(meta, ['category', 'sla', 'requiredFields', 'description'], path, add, 'in state meta');
  if (!STATE_CATEGORIES.includes(meta.category as never)) add([...path, 'category'], `category must be one of ${STATE_CATEGORIES.join(', ')} (got ${JSON.stringify(meta.category)}).`);
  if (!SLA_CLOCKS.includes(meta.sla as never)) add([...path, 'sla'], `sla must be one of ${SLA_CLOCKS.join(', ')} (got ${JSON.stringify(meta.sla)}).`);
  checkStringList(meta.requiredFields, [...path, 'requiredFields'], add, 'requiredFields');
}

function checkTransitions(event: string, spec: unknown, path: JsonPathSegments, add: Add): void {
  if (event === '' || event.includes('*') || event.startsWith('xstate.')) {
    add(path, `'${event}' cannot be an event name: wildcards and xstate.* events are not supported.`);
  }
  if (typeof spec === 'string') return;
  const candidates = Array.isArray(spec) ? spec : [spec];
  if (Array.isArray(spec) && spec.length === 0) add(path, 'An empty list of transitions: remove the event or add a transition.');
  candidates.forEach((candidate, i) => {
    const at = Array.isArray(spec) ? [...path, i] : path;
    if (typeof candidate === 'string') return;
    if (!isObject(candidate)) return add(at, 'A transition is a target state name or an object { target, guard, actions, meta }.');
    unknownKeys(candidate, TRANSITION_KEYS, at, add, 'in a transition');
    if (candidate.target !== undefined && typeof candidate.target !== 'string') add([...at, 'target'], 'target must be a state name.');
    if (candidate.guard !== undefined && typeof candidate.guard !== 'string') add([...at, 'guard'], 'guard must be the name of a guard in the registry (composites are named guards too).');
    if (candidate.description !== undefined && typeof candidate.description !== 'string') add([...at, 'description'], 'description must be text.');
    if (candidate.reenter !== undefined && typeof candidate.reenter !== 'boolean') add([...at, 'reenter'], 'reenter must be true or false.');
    checkNames(candidate.actions, [...at, 'actions'], add, 'actions');
    if (candidate.meta !== undefined) {
      if (!isObject(candidate.meta)) add([...at, 'meta'], 'meta must be an object { requiredFields }.');
      else {
        unknownKeys(candidate.meta, ['requiredFields', 'records', 'sets'], [...at, 'meta'], add, 'in transition meta');
        checkStringList(candidate.meta.requiredFields, [...at, 'meta', 'requiredFields'], add, 'requiredFields');
        if (candidate.meta.records !== undefined && typeof candidate.meta.records !== 'string') add([...at, 'meta', 'records'], 'records names the fact the transition records, e.g. "ChangeApproved".');
        if (candidate.meta.sets !== undefined && !isObject(candidate.meta.sets)) add([...at, 'meta', 'sets'], 'sets maps fields to the values the transition pins, e.g. { "outcome": "backedOut" }.');
      }
    }
  });
}
