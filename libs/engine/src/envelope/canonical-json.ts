import canonicalize from 'canonicalize';
import { NonJsonValueError } from './envelope.errors';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript serialises them. The same JSON value always
 * gives the same text. For values that are already JSON (what the store reads back) this is
 * byte for byte what the engine's first hand-written encoding produced, so hashes and content
 * hashes computed before stay valid. Hash a value only after `toJsonValue`, so that what is
 * hashed is what is stored.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new NonJsonValueError('$', 'undefined has no JSON form');
  return text;
}
