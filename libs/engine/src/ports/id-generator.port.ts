import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** Ids are an input too: tests inject a deterministic generator. */
export interface IdGenerator {
  /** A new UUID. */
  next(): string;
}
export const ID_GENERATOR = Symbol('ID_GENERATOR');

export const randomIds: IdGenerator = { next: () => randomUUID() };

/** Deterministic UUIDs for tests: the n-th id of a seed is always the same. */
export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly seed = 'test') {}
  next(): string {
    this.n += 1;
    return uuidv5(`${this.seed}-${this.n}`, DERIVED_ID_NAMESPACE);
  }
}

/** Namespace of name-derived ids (e.g. a ticket id derived from an idempotency key). */
export const DERIVED_ID_NAMESPACE = '3b0f3a5e-6c1f-4c55-9a55-0d9b7c1f2e10';

/** The same name always gives the same UUID: used to make creation idempotent. */
export const derivedId = (name: string): string => uuidv5(name, DERIVED_ID_NAMESPACE);
