import fc from 'fast-check';

/**
 * Property tests run with a fixed seed, so CI is deterministic; set FC_SEED to explore other cases
 * and FC_RUNS_SCALE (e.g. 10) to run more of them. A failure names the seed to reproduce it.
 */
export const FC_SEED = process.env.FC_SEED !== undefined && process.env.FC_SEED !== '' ? Number(process.env.FC_SEED) : 20_251_125;
const RUNS_SCALE = process.env.FC_RUNS_SCALE !== undefined ? Number(process.env.FC_RUNS_SCALE) : 1;

export function assertProperty<T>(property: fc.IProperty<T>, numRuns: number): void {
  try {
    fc.assert(property, { seed: FC_SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)) });
  } catch (error) {
    if (error instanceof Error) error.message = `[fast-check seed ${FC_SEED}; rerun with FC_SEED=${FC_SEED}]\n${error.message}`;
    throw error;
  }
}

/**
 * A cheap equality check for hot properties (Jest's expect captures a stack trace on every call,
 * which dominates a property run thousands of times); the message says what differed and how.
 */
export function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) {
    const show = (v: unknown): string => (typeof v === 'number' && Math.abs(v) > 1e11 ? `${v} (${new Date(v).toISOString()})` : String(v));
    throw new Error(`${what}: got ${show(actual)}, the reference says ${show(expected)}`);
  }
}
