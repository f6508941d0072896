/** Stable codes, mapped to HTTP statuses by the API's naming convention. */
export class UnknownProjectionError extends Error {
  readonly code = 'READ_MODELS.UNKNOWN_PROJECTION';
  constructor(readonly projection: string, readonly known: string[]) {
    super(`No projection named '${projection}' (known: ${known.join(', ')})`);
  }
}

/** The database holds a newer version of a projection than this code knows: an older binary must not write it. */
export class ProjectionVersionAheadError extends Error {
  readonly code = 'READ_MODELS.VERSION_CONFLICT';
  constructor(readonly projection: string, readonly codeVersion: number, readonly storedVersion: number) {
    super(`Projection ${projection}: the read-model database is at version ${storedVersion}, this code has version ${codeVersion}; refusing to write it`);
  }
}

export class ProjectionLeaseHeldError extends Error {
  readonly code = 'READ_MODELS.LEASE_CONFLICT';
  constructor(readonly projection: string, readonly holder: string, readonly expiresAt: number) {
    super(`Projection ${projection} is being run by ${holder} (lease until ${new Date(expiresAt).toISOString()})`);
  }
}

export class NothingParkedError extends Error {
  readonly code = 'READ_MODELS.PARKED_EVENT_NOT_FOUND';
  constructor(readonly projection: string) {
    super(`Projection ${projection} has no parked event`);
  }
}

/** Thrown inside a batch when `apply` fails on one event: the batch rolls back. */
export class ApplyFailedError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Thrown inside a batch when the projection's batch fails: which event failed is found by smaller batches, then one by one. */
export class BatchFailedError extends Error {
  /** `events`: how many the batch had folded; `through`: the position of the last of them. */
  constructor(
    override readonly cause: unknown,
    readonly events: number,
    readonly through: bigint,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The checkpoint moved under us (another writer, an operator's skip): the batch rolls back and is re-read. */
export class CheckpointMovedError extends Error {
  constructor(readonly projection: string) {
    super(`Projection ${projection}: the checkpoint moved under this batch`);
  }
}

export class LeaseLostError extends Error {
  constructor(readonly projection: string) {
    super(`Projection ${projection}: lease lost`);
  }
}

export class InvalidPositionError extends Error {
  readonly code = 'READ_MODELS.INVALID_POSITION';
  constructor(readonly given: string) {
    super(`'${given}' is not a $all position (decimal digits, as a command's response gives it)`);
  }
}
