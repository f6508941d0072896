/** A location in a JSON document, as keys and array indexes from the root. */
export type JsonPathSegments = (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['states', 'assigned', 'on', 'START_WORK', 0, 'guard']` -> `$.states.assigned.on.START_WORK[0].guard`. */
export function jsonPath(segments: JsonPathSegments): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment).replace(/^"|"$/g, "'")}]`;
  }
  return path;
}
