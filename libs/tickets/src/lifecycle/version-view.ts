import type { JsonValue } from '@itil/event-store';
import type { Lifecycle } from '@itil/workflow';
import { settersOf, type FieldDefinition, type FieldDictionary, type FieldSetter, type FieldType } from '../fields/field-types';
import type { ProcessDefinition } from '../process-definition';

/** A transition as the JSON writes it, with the meta the engine reads. */
export interface TransitionSpec {
  target?: string;
  guard?: string;
  description?: string;
  meta?: { records?: string; requiredFields?: string[]; sets?: Record<string, JsonValue> };
}

/** A field as a lifecycle version's `meta.fields` may (re)declare it. */
interface VersionFieldJson {
  description?: string;
  type?: FieldType;
  example?: JsonValue;
  setBy?: (string | FieldSetter)[];
  requiredOnOpen?: boolean;
}

interface RawConfig {
  meta?: { fields?: Record<string, VersionFieldJson> };
  states: Record<string, { type?: string; meta?: { category?: string; requiredFields?: string[] }; on?: Record<string, string | TransitionSpec | TransitionSpec[]> }>;
}

/**
 * One lifecycle version seen by the engine: its effective field dictionary (the process's base
 * dictionary, with what the version's `meta.fields` adds or narrows) and the meta of each
 * transition (the fact it records, the values it pins, the fields it requires).
 */
export class VersionView {
  readonly dictionary: FieldDictionary;
  private readonly config: RawConfig;
  private readonly settable = new Map<string, ReadonlyMap<string, string>>();
  private known: ReadonlySet<string> | undefined;

  constructor(
    readonly def: ProcessDefinition,
    readonly lifecycle: Lifecycle,
  ) {
    this.config = lifecycle.version.config as unknown as RawConfig;
    this.dictionary = effectiveDictionary(def.fields, this.config.meta?.fields ?? {});
  }

  categoryOf = (state: string): string | undefined => this.lifecycle.meta(state)?.category;

  /** Candidates of `event` in `state`, in document order (XState takes the first whose guard passes). */
  candidates(state: string, event: string): TransitionSpec[] {
    const spec = this.config.states[state]?.on?.[event];
    if (spec === undefined) return [];
    return (Array.isArray(spec) ? spec : [spec]).map((t) => (typeof t === 'string' ? { target: t } : t));
  }

  /** The candidate XState took: the first leading to `to` (targetless ones stay in `from`). */
  taken(from: string, event: string, to: string): TransitionSpec | undefined {
    return this.candidates(from, event).find((t) => (t.target ?? from) === to);
  }

  /** The fact a transition records: its `meta.records`, else the process's legacy name, else `<Prefix><Event>`. */
  recordsOf(t: TransitionSpec | undefined, event: string): string {
    return t?.meta?.records ?? this.def.legacyRecords?.[event] ?? `${this.def.eventPrefix}${pascal(event)}`;
  }

  /** Fields this event may set from `state`, keyed by the request property that carries each. */
  settableBy(by: string, state: string | null): ReadonlyMap<string, string> {
    // Asked on every command: computed once per (command, state) for this version.
    const key = `${by}\u0000${state ?? ''}`;
    const kept = this.settable.get(key);
    if (kept) return kept;
    const keys = new Map<string, string>();
    for (const [name, field] of Object.entries(this.dictionary)) {
      const setter = settersOf(field).find((s) => s.by === by && (state === null || !s.states || s.states.includes(state)));
      if (setter) keys.set(setter.as ?? name, name);
    }
    this.settable.set(key, keys);
    return keys;
  }

  /** Every request property any command may use for a field (names and aliases). */
  knownKeys(): ReadonlySet<string> {
    if (this.known) return this.known;
    const keys = new Set(Object.keys(this.dictionary));
    for (const field of Object.values(this.dictionary)) for (const s of settersOf(field)) if (s.as) keys.add(s.as);
    return (this.known = keys);
  }

  /** Required fields of a state's meta. */
  stateRequires(state: string): string[] {
    return this.config.states[state]?.meta?.requiredFields ?? [];
  }
}

/** Version entries override the base; a setter written as a bare name keeps the base setter's `as`/`states`. */
export function effectiveDictionary(base: FieldDictionary, version: Record<string, VersionFieldJson>): FieldDictionary {
  const merged: Record<string, FieldDefinition> = { ...base };
  for (const [name, entry] of Object.entries(version)) {
    const inBase = base[name];
    const type = entry.type ?? inBase?.type;
    if (!type) continue; // validation reports a version field with no type anywhere
    const baseSetters = inBase ? settersOf(inBase) : [];
    const setBy = entry.setBy
      ? entry.setBy.map((s) => (typeof s === 'string' ? (baseSetters.find((b) => b.by === s) ?? { by: s }) : s))
      : (inBase?.setBy ?? []);
    merged[name] = {
      type,
      description: entry.description ?? inBase?.description,
      example: entry.example ?? inBase?.example,
      setBy,
      requiredOnOpen: entry.requiredOnOpen ?? inBase?.requiredOnOpen,
    };
  }
  return merged;
}

export const pascal = (event: string): string =>
  event
    .toLowerCase()
    .split(/[_-]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** `START_WORK` -> `start-work`: the path segment of an event's endpoint. */
export const kebab = (event: string): string => event.toLowerCase().replace(/_/g, '-');

const views = new WeakMap<Lifecycle, Map<string, VersionView>>();

/** One view per (process, lifecycle version), built once. */
export function viewOf(def: ProcessDefinition, lifecycle: Lifecycle): VersionView {
  let byProcess = views.get(lifecycle);
  if (!byProcess) views.set(lifecycle, (byProcess = new Map()));
  let view = byProcess.get(def.process);
  if (!view) byProcess.set(def.process, (view = new VersionView(def, lifecycle)));
  return view;
}
