/** `HH:mm` wall-clock times, as minutes after local midnight. */

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const END_OF_DAY_MINUTES = 24 * 60;

/**
 * Minutes after midnight of an `HH:mm` string, or undefined when it is not one. `24:00` (1440) is
 * accepted only when `asEnd` is true: an interval may end at the next midnight, never start there.
 */
export function parseTimeOfDay(text: string, asEnd: boolean): number | undefined {
  if (asEnd && text === '24:00') return END_OF_DAY_MINUTES;
  const match = TIME_OF_DAY.exec(text);
  return match === null ? undefined : Number(match[1]) * 60 + Number(match[2]);
}

export function formatTimeOfDay(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
