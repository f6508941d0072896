import { checkValue, type FieldType } from '@itil/tickets';
import { jsonPath, type JsonPathSegments } from '../definition/json-path';
import { asList, destinationOf, transitionsOf, type TransitionView } from '../definition/transitions';
import { setterNames, type LifecycleDefinition } from '../definition/lifecycle-json';
import type { FindingCode, LifecycleFinding } from './lifecycle-finding';

const PASCAL = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;
/** Sub-resources every ticket already has: an event whose endpoint would be one of them could never be sent. */
const RESERVED_PATHS = ['comments', 'work-log', 'links', 'events'];

/**
 * What XState does that a guard-blind graph does not see, and what the ticket engine needs of each
 * transition: the fact it records, the values it pins, the entry actions it really runs.
 */
export function checkTransitionSemantics(definition: LifecycleDefinition): LifecycleFinding[] {
  const findings: LifecycleFinding[] = [];
  const add = (path: JsonPathSegments, code: FindingCode, message: string, severity: 'error' | 'warning' = 'error') => findings.push({ path: jsonPath(path), code, severity, message });
  const transitions = transitionsOf(definition);
  const fields = definition.meta?.fields ?? {};

  for (const event of new Set(transitions.map((t) => t.event))) {
    const path = event.toLowerCase().replace(/_/g, '-');
    if (RESERVED_PATHS.includes(path)) {
      const first = transitions.find((t) => t.event === event)!;
      add(first.path.slice(0, 4), 'RESERVED_EVENT_NAME', `${event} would be the endpoint /<resource>/:id/${path}, which every ticket already has for its ${path}: name the event otherwise.`);
    }
  }
  for (const t of transitions) {
    // XState takes the first candidate whose guard passes: after an unguarded one, none is ever taken.
    const earlier = shadowing(transitions, t);
    if (earlier) {
      add(t.path, 'SHADOWED_TRANSITION', `This ${t.event} candidate is never taken: candidate [${earlier.index}] before it has no guard, so XState always takes that one${t.target ? ` and '${t.target}' is not reached this way` : ''}. Guard the earlier candidate or move it last.`);
    }
    // A self-transition does not re-enter its state in XState v5 unless it says so.
    const entry = asList(definition.states[t.source]?.entry as string | string[] | undefined);
    if (t.target === t.source && !t.reenter && entry.length > 0) {
      add(t.path, 'SELF_TRANSITION_ENTRY', `${t.event} leads from '${t.source}' back to itself, but XState does not re-run its entry actions (${entry.join(', ')}) on a self-transition. Add "reenter": true, or name the actions on the transition.`, 'warning');
    }
    for (const [field, value] of Object.entries(t.sets)) {
      const spec = fields[field];
      const at = [...t.path, 'meta', 'sets', field];
      if (!spec) {
        add(at, 'UNKNOWN_FIELD', `${t.event} pins '${field}', which is not in the field dictionary (meta.fields).`);
        continue;
      }
      if (spec.type) {
        const errors = checkValue(spec.type as unknown as FieldType, value, jsonPath(at));
        if (value !== null && errors.length > 0) add(at, 'PIN_TYPE', `${t.event} pins '${field}' to ${JSON.stringify(value)}, which its type refuses: ${errors[0].message}.`);
      }
    }
    for (const field of t.requiredFields) {
      if (!fields[field]) add([...t.path, 'meta', 'requiredFields'], 'UNKNOWN_FIELD', `${t.event} requires '${field}', which is not in the field dictionary (meta.fields).`);
    }
  }
  findings.push(...checkFactNames(transitions, add));
  findings.push(...checkUnpinned(definition, transitions, add));
  return findings;
}

/** The earlier unguarded candidate of the same event in the same state, if any. */
function shadowing(all: TransitionView[], t: TransitionView): TransitionView | undefined {
  if (t.index === null || t.index === 0) return undefined;
  return all.find((u) => u.source === t.source && u.event === t.event && u.index !== null && u.index < t.index! && u.guard === undefined);
}

/** Candidates XState can take (shadowed ones removed): what reachability must walk. */
export const takeable = (all: TransitionView[]): TransitionView[] => all.filter((t) => !shadowing(all, t));

/**
 * Every transition names its past-tense fact, PascalCase; one fact name belongs to one event.
 * A lifecycle that names none (published before facts were named) gets one warning: the engine
 * falls back to the process's legacy names.
 */
function checkFactNames(transitions: TransitionView[], add: (p: JsonPathSegments, c: FindingCode, m: string, s?: 'error' | 'warning') => void): LifecycleFinding[] {
  if (transitions.length > 0 && transitions.every((t) => t.records === undefined)) {
    add(['states'], 'MISSING_FACT_NAME', 'No transition names the fact it records (meta.records): the engine records the names the process used before facts were named. Name one per transition, e.g. "meta": {"records": "IncidentAssigned"}.', 'warning');
    return [];
  }
  const byName = new Map<string, string>();
  for (const t of transitions) {
    const at = [...t.path, 'meta', 'records'];
    if (t.records === undefined) add(t.path, 'MISSING_FACT_NAME', `${t.event} from '${t.source}' names no fact: add "meta": {"records": "<PastTenseFact>"}.`);
    else if (!PASCAL.test(t.records)) add(at, 'BAD_FACT_NAME', `'${t.records}' is not a PascalCase fact name, e.g. "ChangeApproved".`);
    else if (byName.has(t.records) && byName.get(t.records) !== t.event) add(at, 'DUPLICATE_FACT_NAME', `'${t.records}' is already the fact of ${byName.get(t.records)}: each event records its own fact.`);
    else byName.set(t.records, t.event);
  }
  return [];
}

/**
 * A transition that sets a field without a pin, and without a guard on that field, accepts any
 * value, including the ones the guards of other transitions into the same state reserve (a
 * backout accepting `outcome: "successful"` corrupts the change success rate): it must pin it.
 * A guard is taken to check a field when its name mentions it (`isSuccessfulOutcome` checks
 * `outcome`; `hasBackoutReason` does not).
 */
function checkUnpinned(definition: LifecycleDefinition, transitions: TransitionView[], add: (p: JsonPathSegments, c: FindingCode, m: string, s?: 'error' | 'warning') => void): LifecycleFinding[] {
  const fields = definition.meta?.fields ?? {};
  for (const t of transitions) {
    for (const field of t.requiredFields) {
      if (field in t.sets || checks(t.guard, field) || !(setterNames(fields[field]) ?? []).includes(t.event)) continue;
      const guarded = transitions.filter((u) => u.event !== t.event && destinationOf(u) === destinationOf(t) && checks(u.guard, field) && u.requiredFields.includes(field));
      if (guarded.length > 0) {
        add(t.path, 'UNPINNED_VALUE', `${t.event} sets '${field}' without a guard or a pin, so it accepts the values ${guarded.map((u) => `${u.event} (${u.guard})`).join(', ')} reserve. Pin it: "meta": {"sets": {"${field}": <value>}}.`, 'warning');
      }
    }
  }
  return [];
}

const checks = (guard: string | undefined, field: string): boolean => guard !== undefined && guard.toLowerCase().includes(field.toLowerCase());
