/**
 * A lifecycle definition: an XState v5 machine config as plain JSON (what XState's own
 * `createMachine` and its tools load), plus per-state `meta` saying what each state means.
 */
export type StateCategory = 'new' | 'active' | 'pending' | 'resolved' | 'closed' | 'cancelled';
export type SlaClock = 'running' | 'paused' | 'stopped';

export interface StateMeta {
  category: StateCategory;
  sla: SlaClock;
  /** Fields a ticket must have to enter the state. */
  requiredFields?: string[];
  description?: string;
}

export interface TransitionConfigJson {
  target?: string;
  guard?: string;
  description?: string;
  meta?: { requiredFields?: string[] };
}

export interface StateConfigJson {
  type?: 'final';
  on?: Record<string, string | TransitionConfigJson | TransitionConfigJson[]>;
  meta?: StateMeta;
  description?: string;
}

export interface MachineConfigJson {
  id: string;
  initial: string;
  description?: string;
  states: Record<string, StateConfigJson>;
}

/** A published version of a lifecycle: a ticket is pinned to `machineId` + `version`. */
export interface LifecycleVersion {
  machineId: string;
  version: number;
  contentHash: string;
  config: MachineConfigJson;
}
