/**
 * A value that JSON cannot store as it is (NaN, a bigint, a Map, a function...). Refused before
 * anything is hashed or written: the store would keep something else than what was hashed.
 * A fault of the code that built the event, not of the client: it stays a 500.
 */
export class NonJsonValueError extends Error {
  readonly code = 'ENGINE.NON_JSON_VALUE';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'NonJsonValueError';
  }
}
