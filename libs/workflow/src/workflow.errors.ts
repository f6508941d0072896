/** The event is not allowed in the ticket's current state, or its guards refused it. */
export class TransitionNotAllowedError extends Error {
  readonly code = 'WORKFLOW.TRANSITION_NOT_ALLOWED';
  constructor(
    readonly machineId: string,
    readonly state: string,
    readonly event: string,
    /** Event types the current state has transitions for. */
    readonly allowedEvents: string[],
    /** Named guards that refused the event, when the state does handle it. */
    readonly failedGuards: string[] = [],
    /** Fields the ticket would lack in its new state (state or transition `requiredFields`). */
    readonly missingFields: string[] = [],
  ) {
    super(
      missingFields.length > 0
        ? `${event} is not allowed in state '${state}' of ${machineId}: the ticket would lack ${missingFields.join(', ')}`
        : failedGuards.length > 0
        ? `${event} is not allowed in state '${state}' of ${machineId}: ${failedGuards.join(', ')} not satisfied`
        : `${event} is not allowed in state '${state}' of ${machineId}; allowed: ${allowedEvents.join(', ') || 'none (final state)'}`,
    );
    this.name = 'TransitionNotAllowedError';
  }
}

export class UnknownLifecycleError extends Error {
  readonly code = 'WORKFLOW.UNKNOWN_LIFECYCLE';
  constructor(
    readonly machineId: string,
    readonly version?: number,
  ) {
    super(version === undefined ? `Unknown lifecycle ${machineId}` : `Unknown lifecycle ${machineId} version ${version}`);
    this.name = 'UnknownLifecycleError';
  }
}

/**
 * A stored ticket is pinned to a version the store does not have: the log is inconsistent, a
 * server fault (500), not the client's. Its own code, so it is never mistaken for a 404.
 */
export class PinnedLifecycleMissingError extends Error {
  readonly code = 'WORKFLOW.PINNED_VERSION_MISSING';
  constructor(
    readonly machineId: string,
    readonly version: number,
  ) {
    super(`The ticket is pinned to ${machineId} version ${version}, which is not published in this event store`);
    this.name = 'PinnedLifecycleMissingError';
  }
}

/**
 * The version is published but this build cannot run it (it names a guard this build lacks: a
 * newer build published it during a rolling upgrade). 503: an instance of the newer build can.
 */
export class LifecycleVersionUnusableError extends Error {
  readonly code = 'WORKFLOW.VERSION_UNUSABLE';
  constructor(
    readonly machineId: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`${machineId} version ${version} cannot run on this build: ${reason}`);
    this.name = 'LifecycleVersionUnusableError';
  }
}

export class InvalidLifecycleError extends Error {
  readonly code = 'WORKFLOW.INVALID_LIFECYCLE';
  constructor(
    readonly machineId: string,
    readonly findings: { path: string; message: string }[],
  ) {
    super(`Lifecycle ${machineId} is invalid: ${findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
    this.name = 'InvalidLifecycleError';
  }
}
