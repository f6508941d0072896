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
