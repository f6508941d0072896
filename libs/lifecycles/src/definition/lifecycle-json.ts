import type { MachineConfigJson, StateCategory, SlaClock } from '@itil/workflow';

/**
 * The lifecycle format, as process owners write it (docs/lifecycles.md): a flat XState v5
 * machine config in JSON plus `meta`. These types describe the optional parts the engine's
 * `MachineConfigJson` leaves out (root meta, actions, `meta.sets`); the JSON stays what
 * XState's own `createMachine` loads.
 */
export const STATE_CATEGORIES: readonly StateCategory[] = ['new', 'active', 'pending', 'resolved', 'closed', 'cancelled'];
export const SLA_CLOCKS: readonly SlaClock[] = ['running', 'paused', 'stopped'];
/** Categories a final state may have: a ticket that can never move again is closed or cancelled. */
export const FINAL_CATEGORIES: readonly StateCategory[] = ['closed', 'cancelled'];

/** `setBy` entries that are not machine events: the creating command, and field updates in any state. */
export const SET_ON_CREATE = 'create';
export const SET_ON_UPDATE = 'update';

/** One field of the process's tickets, and which commands can set it. */
export interface FieldSpec {
  description?: string;
  /**
   * `create`, `update` or machine event names (e.g. `ASSIGN`): the commands that set the field;
   * an entry may also be `{ by, states, as }` (only in those states; carried by request property `as`).
   */
  setBy: (string | { by: string; states?: string[]; as?: string })[];
  /** The field's type (libs/tickets FieldType), for fields the process's own dictionary lacks. */
  type?: Record<string, unknown>;
  example?: unknown;
  requiredOnOpen?: boolean;
}

/** The command names a field's setBy lists. */
export const setterNames = (spec: FieldSpec | undefined): string[] | undefined =>
  Array.isArray(spec?.setBy) ? spec.setBy.map((s) => (typeof s === 'string' ? s : s?.by)).filter((s): s is string => typeof s === 'string') : undefined;

export interface LifecycleRootMeta {
  title?: string;
  /** The field dictionary: every field a state or transition may require must be listed here. */
  fields?: Record<string, FieldSpec>;
}

export interface TransitionJson {
  target?: string;
  guard?: string;
  actions?: string | string[];
  description?: string;
  /** Re-enter the state on a self-transition (exit and entry actions run again). */
  reenter?: boolean;
  /** `records`: the past-tense fact it records; `sets`: values it pins; `requiredFields`. */
  meta?: { requiredFields?: string[]; records?: string; sets?: Record<string, unknown> };
}

export type TransitionSpecJson = string | TransitionJson | TransitionJson[];

export interface StateJson {
  type?: 'final';
  /** An XState state id (for `#id` references); must be unique. */
  id?: string;
  description?: string;
  entry?: string | string[];
  exit?: string | string[];
  on?: Record<string, TransitionSpecJson>;
  meta?: { category: StateCategory; sla: SlaClock; requiredFields?: string[]; description?: string };
}

/** A lifecycle definition: what `state-machines/<process>.json` holds and what versions record. */
export interface LifecycleDefinition extends MachineConfigJson {
  id: string;
  initial: string;
  description?: string;
  meta?: LifecycleRootMeta;
  states: Record<string, StateJson>;
}

export const asMachineConfig = (definition: LifecycleDefinition): MachineConfigJson => definition as unknown as MachineConfigJson;
