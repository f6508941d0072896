import { nestsDeeperThan } from '@itil/lifecycles';

/**
 * How deeply a request body's JSON may nest. The deepest document this API takes is a lifecycle
 * definition (body > definition > states > state > on > event > transition > meta > fields:
 * about ten levels); 64 leaves room and stops a 4 KB body of 2,000 nested brackets long before
 * class-transformer and class-validator recurse through it and overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Refused by body parsing: answered 400 `HTTP.JSON_TOO_DEEP` by the problem+json filter. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  constructor(readonly maxDepth: number) {
    super(`The request body nests JSON deeper than ${maxDepth} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/** body-parser's `verify` hook: runs on the decoded body before it is parsed. */
export const refuseDeepJson =
  (max = MAX_JSON_DEPTH) =>
  (_request: unknown, _response: unknown, body: Buffer): void => {
    if (nestsDeeperThan(body, max)) throw new JsonTooDeepError(max);
  };
