/** The caller's view of the stream is stale (or writers kept racing past every retry): a 409. */
export class RevisionConflictError extends Error {
  readonly code = 'ENGINE.REVISION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: bigint,
    readonly actualRevision: bigint,
  ) {
    super(`${streamId} is at revision ${actualRevision}, not ${expectedRevision}`);
    this.name = 'RevisionConflictError';
  }
}

/**
 * The idempotency key was already used by this caller on this stream for another command (another
 * type, body or actor): replaying the first result would silently drop this one. A 422.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor(
    readonly streamId: string,
    readonly idempotencyKey: string,
    /** Revision of the first event the key's command wrote. */
    readonly firstRevision: bigint,
  ) {
    super(`Idempotency key ${idempotencyKey} was already used on ${streamId} for another command; use a new key for a new command`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Thrown by decide when it needs inputs the command did not bring (the ticket engine's reference
 * data, say): not a refusal, so the pipeline hands it to the caller at once, even when it was
 * decided on a cached fold no store read has confirmed; the caller supplies the inputs and runs
 * the command again, on the same fold.
 */
export class DecisionNeedsInput extends Error {}
