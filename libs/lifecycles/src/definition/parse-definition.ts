import { jsonPath, type JsonPathSegments } from './json-path';

export interface ParseFinding {
  path: string;
  code: 'MALFORMED_JSON' | 'DUPLICATE_KEY';
  message: string;
}

export interface ParsedDefinition {
  /** The parsed document, undefined when the text is not JSON. */
  value: unknown;
  findings: ParseFinding[];
}

/**
 * Parses a definition's JSON text and reports what `JSON.parse` hides: a key written twice in one
 * object (two states or two events with the same name, where the second silently wins) and,
 * for malformed text, the line and column of the error.
 */
export function parseDefinitionText(text: string): ParsedDefinition {
  const scanner = new DuplicateKeyScanner(text);
  try {
    scanner.document();
  } catch (error) {
    if (error instanceof SyntaxAt) {
      const { line, column } = lineAndColumn(text, error.offset);
      return { value: undefined, findings: [{ path: '$', code: 'MALFORMED_JSON', message: `Not valid JSON at line ${line}, column ${column}: ${error.message}` }] };
    }
    throw error;
  }
  return { value: JSON.parse(text) as unknown, findings: scanner.duplicates };
}

class SyntaxAt extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const LITERAL = /true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** A small recursive-descent JSON reader that only tracks keys; JSON.parse builds the value. */
class DuplicateKeyScanner {
  private i = 0;
  readonly duplicates: ParseFinding[] = [];

  constructor(private readonly text: string) {}

  document(): void {
    this.value([]);
    this.space();
    if (this.i < this.text.length) throw new SyntaxAt('unexpected text after the document', this.i);
  }

  private value(path: JsonPathSegments): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return void this.string();
    LITERAL.lastIndex = this.i;
    const literal = LITERAL.exec(this.text);
    if (!literal) throw new SyntaxAt(c === undefined ? 'unexpected end of text' : `unexpected character ${JSON.stringify(c)}`, this.i);
    this.i += literal[0].length;
  }

  private object(path: JsonPathSegments): void {
    this.i++;
    const seen = new Set<string>();
    this.space();
    if (this.text[this.i] === '}') return void this.i++;
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') throw new SyntaxAt('expected a quoted key', this.i);
      const key = this.string();
      if (seen.has(key)) {
        this.duplicates.push({
          path: jsonPath([...path, key]),
          code: 'DUPLICATE_KEY',
          message: `'${key}' appears twice in the same object; JSON keeps only the last one. Rename or merge them.`,
        });
      }
      seen.add(key);
      this.space();
      if (this.text[this.i] !== ':') throw new SyntaxAt("expected ':' after a key", this.i);
      this.i++;
      this.value([...path, key]);
      this.space();
      const next = this.text[this.i++];
      if (next === '}') return;
      if (next !== ',') throw new SyntaxAt("expected ',' or '}'", this.i - 1);
    }
  }

  private array(path: JsonPathSegments): void {
    this.i++;
    this.space();
    if (this.text[this.i] === ']') return void this.i++;
    for (let n = 0; ; n++) {
      this.value([...path, n]);
      this.space();
      const next = this.text[this.i++];
      if (next === ']') return;
      if (next !== ',') throw new SyntaxAt("expected ',' or ']'", this.i - 1);
    }
  }

  private string(): string {
    const start = this.i;
    STRING.lastIndex = this.i;
    const match = STRING.exec(this.text);
    if (!match) throw new SyntaxAt('unterminated or invalid string', start);
    this.i += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }
}
