import { createMachine } from 'xstate';
import { jsonPath, type JsonPathSegments } from '../definition/json-path';
import { FINAL_CATEGORIES, SET_ON_CREATE, SET_ON_UPDATE, setterNames, type LifecycleDefinition } from '../definition/lifecycle-json';
import { parseDefinitionText } from '../definition/parse-definition';
import { asList, transitionsOf, type TransitionView } from '../definition/transitions';
import { LifecycleGraph } from './lifecycle-graph';
import { errorsIn, type FindingCode, type LifecycleFinding } from './lifecycle-finding';
import { checkSchema } from './schema';
import { checkTransitionSemantics } from './transition-semantics';
import { didYouMean } from './suggest';

export interface ValidationContext {
  /** Names of the guards the engine's registry implements. */
  guards: Iterable<string>;
  /** Names of the actions the engine knows. */
  actions: Iterable<string>;
  /** When given, the definition's id must be this process. */
  process?: string;
}

export interface ValidationResult {
  valid: boolean;
  findings: LifecycleFinding[];
  /** The parsed document, when it was JSON (even if invalid). */
  definition?: LifecycleDefinition;
}

/**
 * Everything a process owner needs to fix before a lifecycle can be published, each finding with
 * the JSON path of its spot. `input` is the definition's JSON text (duplicate keys and syntax
 * errors are reported with their place) or an already parsed document.
 */
export function validateLifecycle(input: unknown, context: ValidationContext): ValidationResult {
  let doc = input;
  const findings: LifecycleFinding[] = [];
  if (typeof input === 'string') {
    const parsed = parseDefinitionText(input);
    findings.push(...parsed.findings.map((f) => ({ ...f, severity: 'error' as const })));
    if (parsed.value === undefined) return { valid: false, findings };
    doc = parsed.value;
  }
  findings.push(...checkSchema(doc));
  const definition = doc as LifecycleDefinition;
  const structural = typeof doc === 'object' && doc !== null && typeof definition.states === 'object' && definition.states !== null && !Array.isArray(definition.states);
  if (structural) findings.push(...checkSemantics(definition, context));
  if (errorsIn(findings).length === 0) findings.push(...loadsInXState(definition));
  return { valid: errorsIn(findings).length === 0, findings, definition: structural ? definition : undefined };
}

function checkSemantics(definition: LifecycleDefinition, context: ValidationContext): LifecycleFinding[] {
  const findings: LifecycleFinding[] = [];
  const add = (path: JsonPathSegments, code: FindingCode, message: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ path: jsonPath(path), code, severity, message });
  const graph = new LifecycleGraph(definition);
  const states = graph.states;
  const guards = new Set(context.guards);
  const actions = new Set(context.actions);

  if (context.process !== undefined && typeof definition.id === 'string' && definition.id !== context.process) {
    add(['id'], 'PROCESS_MISMATCH', `This definition is for '${definition.id}', not '${context.process}'.`);
  }

  let initial: string | undefined;
  if (definition.initial === undefined) add(['initial'], 'MISSING_INITIAL', `initial is required: the state new tickets start in (one of ${states.join(', ')}).`);
  else if (typeof definition.initial === 'string' && !graph.has(definition.initial)) {
    add(['initial'], 'UNKNOWN_INITIAL', `The initial state '${definition.initial}' does not exist.${didYouMean(definition.initial, states)}`);
  } else if (typeof definition.initial === 'string') initial = definition.initial;

  const ids = new Map<string, string>();
  for (const state of states) {
    const id = definition.states[state]?.id;
    if (typeof id !== 'string') continue;
    if (id === definition.id) add(['states', state, 'id'], 'DUPLICATE_ID', `State id '${id}' is the machine's own id.`);
    else if (ids.has(id)) add(['states', state, 'id'], 'DUPLICATE_ID', `State id '${id}' is already used by state '${ids.get(id)}'.`);
    else ids.set(id, state);
  }

  for (const t of transitionsOf(definition)) {
    const targetPath = typeof (definition.states[t.source]?.on?.[t.event]) === 'string' ? t.path : [...t.path, 'target'];
    if (t.target !== null && !graph.has(t.target)) {
      add(targetPath, 'UNKNOWN_TARGET', `${t.event} leads to '${t.target}', which is not a state of this lifecycle.${didYouMean(t.target, states)}`);
    }
    if (t.guard !== undefined && !guards.has(t.guard)) {
      add([...t.path, 'guard'], 'UNKNOWN_GUARD', `Unknown guard '${t.guard}': the engine has no guard by that name.${didYouMean(t.guard, guards)}`);
    }
    checkActions(definition.states[t.source]?.on?.[t.event], t, actions, add);
  }
  for (const state of states) {
    for (const hook of ['entry', 'exit'] as const) {
      const names = definition.states[state]?.[hook];
      asList(names).forEach((name, i) => {
        if (typeof name === 'string' && !actions.has(name)) {
          add(['states', state, hook, ...(Array.isArray(names) ? [i] : [])], 'UNKNOWN_ACTION', `Unknown action '${name}'.${didYouMean(name, actions)}`);
        }
      });
    }
    const s = definition.states[state];
    if (s?.type === 'final' && s.meta && !FINAL_CATEGORIES.includes(s.meta.category)) {
      add(['states', state, 'meta', 'category'], 'FINAL_CATEGORY', `'${state}' is final, so its category must be closed or cancelled (not ${s.meta.category}).`);
    }
    if (s?.type === 'final' && s.meta && s.meta.sla !== 'stopped') {
      add(['states', state, 'meta', 'sla'], 'FINAL_SLA', `'${state}' is final, so its SLA clock must be stopped (not ${s.meta.sla}).`);
    }
  }

  findings.push(...checkTransitionSemantics(definition));
  const unknownTargets = findings.some((f) => f.code === 'UNKNOWN_TARGET');
  if (initial !== undefined && unknownTargets) {
    add(['states'], 'GRAPH_NOT_CHECKED', 'Reachability, dead ends and required fields are checked once every transition leads to a known state.', 'warning');
  } else if (initial !== undefined) {
    const reachable = graph.reachableFrom(initial);
    const finishing = graph.canFinish();
    for (const state of states) {
      if (!reachable.has(state)) {
        add(['states', state], 'UNREACHABLE_STATE', `No path leads from the initial state '${initial}' to '${state}': add a transition into it, or remove it.`);
      } else if (!graph.isFinal(state) && !finishing.has(state)) {
        const leaves = graph.outgoing(state).length;
        add(
          ['states', state],
          'DEAD_END',
          leaves === 0
            ? `'${state}' has no transitions and is not final: tickets entering it could never be closed. Add a transition or mark it "type": "final".`
            : `No path from '${state}' reaches a final state: tickets entering it could never be closed.`,
        );
      }
    }
    findings.push(...checkFields(definition, graph, initial, reachable));
  }
  return findings;
}

function checkActions(spec: unknown, t: TransitionView, known: Set<string>, add: (p: JsonPathSegments, c: FindingCode, m: string) => void): void {
  const candidate = Array.isArray(spec) ? spec[t.index ?? 0] : spec;
  const names = candidate && typeof candidate === 'object' ? (candidate as { actions?: unknown }).actions : undefined;
  if (names === undefined) return;
  const list = Array.isArray(names) ? names : [names];
  list.forEach((name, i) => {
    if (typeof name === 'string' && !known.has(name)) {
      add([...t.path, 'actions', ...(Array.isArray(names) ? [i] : [])], 'UNKNOWN_ACTION', `Unknown action '${name}'.${didYouMean(name, known)}`);
    }
  });
}

/**
 * Required fields must be settable: listed in `meta.fields`, and set by `create`, `update`, or an
 * event that can happen on some path before the ticket needs the field.
 */
function checkFields(definition: LifecycleDefinition, graph: LifecycleGraph, initial: string, reachable: Set<string>): LifecycleFinding[] {
  const findings: LifecycleFinding[] = [];
  const fields = definition.meta?.fields ?? {};
  const events = new Set(graph.edges.map((e) => e.event));
  for (const [field, spec] of Object.entries(fields)) {
    (setterNames(spec) ?? []).forEach((by, i) => {
      if (typeof by === 'string' && by !== SET_ON_CREATE && by !== SET_ON_UPDATE && !events.has(by)) {
        findings.push({
          path: jsonPath(['meta', 'fields', field, 'setBy', i]),
          code: 'UNKNOWN_FIELD_EVENT',
          severity: 'error',
          message: `'${by}' is neither "create", "update" nor an event of this lifecycle.${didYouMean(by, events)}`,
        });
      }
    });
  }
  const setters = (field: string): string[] | undefined => {
    const names = setterNames(fields[field]);
    // A value a transition pins is set by that transition.
    const pinners = graph.edges.filter((t) => field in t.sets).map((t) => t.event);
    return names === undefined && pinners.length === 0 ? undefined : [...(names ?? []), ...pinners];
  };
  const check = (field: string, path: JsonPathSegments, where: string, possible: TransitionView[]) => {
    const setBy = setters(field);
    let message: string | undefined;
    if (!setBy) message = `'${field}' is required ${where} but no command sets it: declare it in meta.fields with the events that set it (setBy).`;
    else if (!setBy.includes(SET_ON_CREATE) && !setBy.includes(SET_ON_UPDATE) && !possible.some((t) => setBy.includes(t.event))) {
      message = `'${field}' is required ${where} but none of the commands that set it (${setBy.join(', ')}) can happen before then.`;
    }
    if (message) findings.push({ path: jsonPath(path), code: 'UNSETTABLE_FIELD', severity: 'error', message });
  };
  for (const state of graph.states) {
    if (!reachable.has(state)) continue;
    const before = state === initial ? [] : graph.transitionsBefore(state, initial);
    const required = definition.states[state]?.meta?.requiredFields;
    if (Array.isArray(required)) required.forEach((f, i) => check(f, ['states', state, 'meta', 'requiredFields', i], `to enter '${state}'`, before));
  }
  for (const t of graph.edges) {
    if (!reachable.has(t.source)) continue;
    const before = [...graph.transitionsBefore(t.source, initial), t];
    t.requiredFields.forEach((f, i) => check(f, [...t.path, 'meta', 'requiredFields', i], `by ${t.event} from '${t.source}'`, before));
  }
  return findings;
}

/** The last word is XState's: the document must load in plain `createMachine`. */
function loadsInXState(definition: LifecycleDefinition): LifecycleFinding[] {
  try {
    createMachine(definition as never);
    return [];
  } catch (error) {
    return [{ path: '$', code: 'XSTATE_REJECTED', severity: 'error', message: `XState refuses this definition: ${error instanceof Error ? error.message : String(error)}` }];
  }
}
