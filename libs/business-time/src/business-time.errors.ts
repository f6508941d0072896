import type { CalendarFinding } from './calendar.types';

/** Thrown by every function given a calendar that does not validate; `findings` lists each problem. */
export class InvalidCalendarError extends Error {
  override readonly name = 'InvalidCalendarError';

  constructor(readonly findings: readonly CalendarFinding[]) {
    super(
      `invalid business calendar (${findings.length} finding${findings.length === 1 ? '' : 's'}):\n` +
        findings.map((f) => `  ${f.path}: ${f.message}`).join('\n'),
    );
  }
}

/** Thrown for an argument that is not a usable instant, duration or pause (wrong type, NaN, fraction, negative). */
export class BusinessTimeArgumentError extends TypeError {
  override readonly name = 'BusinessTimeArgumentError';
}

/**
 * Thrown when an instant, or a result, lies outside the supported range (see `SUPPORTED_RANGE`).
 * The range is bounded so that every function is guaranteed to finish quickly, whatever its input.
 */
export class BusinessTimeRangeError extends RangeError {
  override readonly name = 'BusinessTimeRangeError';
}
