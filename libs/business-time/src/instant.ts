import { BusinessTimeArgumentError, BusinessTimeRangeError } from './business-time.errors';
import type { Instant } from './calendar.types';

/**
 * The instants this library accepts and returns, inclusive: 1900-01-01T00:00Z to 2200-01-01T00:00Z.
 * Bounded on purpose: a due time on a sparse calendar (say one hour a week) could otherwise send
 * `addBusinessTime` walking for millennia; with the bound every call finishes in bounded time and
 * anything beyond it is reported as a `BusinessTimeRangeError` instead.
 */
export const SUPPORTED_RANGE: { readonly start: number; readonly end: number } = Object.freeze({
  start: Date.UTC(1900, 0, 1),
  end: Date.UTC(2200, 0, 1),
});

/** Epoch milliseconds of an instant argument, or a typed error naming the argument. */
export function toEpochMs(value: Instant, what: string): number {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
    if (Number.isNaN(ms)) throw new BusinessTimeArgumentError(`${what} is an invalid Date`);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new BusinessTimeArgumentError(`${what} must be whole epoch milliseconds, got ${String(value)}`);
    }
    ms = value;
  } else {
    throw new BusinessTimeArgumentError(`${what} must be epoch milliseconds or a Date, got ${describeType(value)}`);
  }
  return checkInRange(ms, what);
}

/** A duration argument: whole, non-negative milliseconds. */
export function toDurationMs(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new BusinessTimeArgumentError(`${what} must be whole, non-negative milliseconds, got ${typeof value === 'number' ? String(value) : describeType(value)}`);
  }
  return value;
}

export function checkInRange(ms: number, what: string): number {
  if (ms < SUPPORTED_RANGE.start || ms > SUPPORTED_RANGE.end) {
    throw new BusinessTimeRangeError(
      `${what} (${Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms)}) is outside the supported range 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z`,
    );
  }
  return ms;
}

function describeType(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
