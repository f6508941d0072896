/**
 * How deeply JSON nests, counted on the text in one pass before anything parses or walks it:
 * recursive walkers (class-transformer, class-validator, a definition's schema checks) overflow
 * the stack on a few KB of nested brackets, which would answer 500 for a client's mistake.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);

/** True when the JSON text nests objects/arrays deeper than `max` (one pass, brackets in strings ignored). */
export function nestsDeeperThan(body: Buffer | string, max: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPEN.has(b)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(b)) depth--;
  }
  return false;
}
