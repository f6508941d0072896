/**
 * One fault in a piece of versioned change data (a questionnaire, an approval rule, a freeze
 * calendar, a template), with the JSON path of the spot, e.g. `$.questions[2].options`.
 * Any finding blocks publishing: change data decides who may authorise what.
 */
export interface DataFinding {
  path: string;
  code: string;
  message: string;
}

export const finding = (path: string, code: string, message: string): DataFinding => ({ path, code, message });

export const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/** Finds in `items` the keys that occur more than once, with the index of each repeat. */
export function repeats<T>(items: readonly T[], key: (item: T) => string): { index: number; key: string }[] {
  const seen = new Set<string>();
  const out: { index: number; key: string }[] = [];
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) out.push({ index, key: k });
    seen.add(k);
  });
  return out;
}
