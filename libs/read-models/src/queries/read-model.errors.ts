export class InvalidQueryError extends Error {
  readonly code = 'READ_MODELS.INVALID_QUERY';
  constructor(message: string) {
    super(message);
  }
}

/** The projection had not passed the requested position within the wait allowed. */
export class ReadModelBehindError extends Error {
  readonly code = 'READ_MODELS.NOT_CAUGHT_UP';
  constructor(readonly projection: string, readonly requested: string, readonly reached: string | null, readonly waitedMs: number) {
    super(`The ${projection} read model has not reached position ${requested} after ${waitedMs} ms (it is at ${reached ?? 'the start'}); retry shortly`);
  }
}
